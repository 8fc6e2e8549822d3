// Temporary measuring aid (not committed): CPU time per MB of convert.
fn cpu_secs() -> f64 {
    let s = std::fs::read_to_string("/proc/self/stat").unwrap();
    let f: Vec<&str> = s.rsplit(')').next().unwrap().split_whitespace().collect();
    (f[11].parse::<f64>().unwrap() + f[12].parse::<f64>().unwrap()) / 100.0
}
fn main() {
    let dir = std::path::Path::new("../shared/seeds");
    let mut docs = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() { let p = e.unwrap().path(); if p.extension().map_or(false, |x| x == "txt") { docs.push(std::fs::read(p).unwrap()); } }
    let opts = dossier::ingest::ConvertOptions::default();
    let total: usize = docs.iter().map(|d| d.len()).sum();
    let _ = dossier::ingest::convert(&docs[0], "x.txt", &opts);
    let t0 = cpu_secs(); let w0 = std::time::Instant::now();
    let mut bytes = 0usize;
    let fixed: usize = std::env::var("ITER").ok().and_then(|v| v.parse().ok()).unwrap_or(0);
    let mut k = 0;
    while (fixed > 0 && k < fixed) || (fixed == 0 && cpu_secs() - t0 < 5.0) { k += 1; for d in &docs { let _ = dossier::ingest::convert(d, "x.txt", &opts); } bytes += total; }
    let cpu = cpu_secs() - t0;
    println!("specimens: {:.1} MB/s cpu ({:.1} MB/s wall)", bytes as f64 / 1e6 / cpu, bytes as f64 / 1e6 / w0.elapsed().as_secs_f64());
}
