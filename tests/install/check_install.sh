#!/usr/bin/env bash
# The installed nucleate on its own: `cmake --install` into a prefix, the
# prefix moved elsewhere (so nothing can lean on the source or build tree),
# then from the moved copy alone
#   - a program built with find_package(nucleate) runs,
#   - `nucleate --version`, `import nucleate` and nucleate.__version__ agree
#     with the CMake package version,
#   - `nucleate run` on a copy of the LJ example writes the full report.
#   check_install.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1 source=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build" --prefix "$work/prefix" > "$work/install.log"
mv "$work/prefix" "$work/moved"
prefix=$work/moved

echo "== find_package(nucleate) from the moved prefix"
cmake -S "$source/tests/install/consumer" -B "$work/consumer" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$prefix" > "$work/consumer.log" || { cat "$work/consumer.log"; exit 1; }
cmake --build "$work/consumer" > "$work/consumer-build.log" || { cat "$work/consumer-build.log"; exit 1; }
"$work/consumer/consumer"

echo "== one version everywhere"
cli=$("$prefix/bin/nucleate" --version)
py=$(cd "$work" && env -u PYTHONPATH PYTHONPATH="$prefix/lib/python3/dist-packages" \
  /usr/bin/python3 -c "import nucleate; print(nucleate.__version__)")
pkg=$(sed -n 's/^set(PACKAGE_VERSION "\(.*\)")/\1/p' "$prefix/lib/cmake/nucleate/nucleateConfigVersion.cmake")
echo "$cli; python $py; cmake package $pkg"
[[ "$cli" == "nucleate $py" && "$py" == "$pkg" ]]

echo "== nucleate run from the moved prefix"
cp -r "$source/examples/lj-nucleation" "$work/example"
(cd "$work" && env -u PYTHONPATH -u NUCLEATE_PYTHONPATH "$prefix/bin/nucleate" run example/pipeline.toml \
   -o out > run.log 2>&1) || { tail -5 "$work/run.log"; exit 1; }
for f in summary.json report.html figures/fes.png figures/its.png figures/ck.png \
         figures/flux_network.png figures/pathways.png; do
  [[ -s "$work/out/$f" ]] || { echo "missing: $f"; tail -5 "$work/run.log"; exit 1; }
done
grep -E "^(MFPT|nucleation rate)" "$work/run.log"
echo "report: $(ls "$work/out/figures" | grep -c png) figures"
