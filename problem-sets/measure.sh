#!/usr/bin/env bash
# Instructor tool: runs a problem set's measure/SeedSweep.java (never released) against its reference
# solution, one JVM, one thread, niced: problem-sets/measure.sh ps3|ps4 SEED...
# MEASURE_JAVA_OPTS passes -D options to the driver (ps3: -Dmlp=10,7 -Dcnn=false -Dlr=1e-2).
# Needs the build (./course build) for the course library's classpath.
set -euo pipefail
cd "$(dirname "$0")/.."
ps="$1"; shift
dir="problem-sets/$ps"
[ -f "$dir/measure/SeedSweep.java" ] || { echo "no $dir/measure/SeedSweep.java" >&2; exit 2; }
[ -f grading/target/classpath.txt ] || { echo "run ./course build first (no grading/target/classpath.txt)" >&2; exit 2; }
out="build/measure/$ps"
rm -rf "$out" && mkdir -p "$out"
cp="$(cat grading/target/classpath.txt)"
mapfile -t sources < <(find "$dir/src/main/java" "$dir/measure" -name '*.java'; \
  find "$dir/tests/hidden/java" -name 'TrainingImages.java')
javac -nowarn -d "$out" -cp "$cp" "${sources[@]}"
OMP_NUM_THREADS=1 exec nice -n 10 java -Xmx1g ${MEASURE_JAVA_OPTS:-} -cp "$out:$cp" "org.dlcourse.ps.$ps.SeedSweep" "$@"
