fn main() {
    println!("dossier");
}
