#!/usr/bin/env bash
# Installs the "Java (DL course)" kernelspec: writes DEST_DIR/dlcourse-java/kernel.json.
#
#   kernel/install-kernelspec.sh ~/.local/share/jupyter/kernels
#
# The kernel's classpath (this module's jar plus every resolved dependency, absolute paths) was
# written at build time to <build dir>/classpath.txt by maven-dependency-plugin; nothing is
# resolved when the kernel starts. Knobs, read now and written into kernel.json:
#   DLCOURSE_KERNEL_HEAP     -Xmx of the kernel JVM                     (default 3g)
#   DLCOURSE_KERNEL_OFFHEAP  ND4J/JavaCPP physical-bytes cap            (default 6G)
#   OMP_NUM_THREADS          native threads inside the kernel  (default: half the logical CPUs, at
#                            least 1; on 2 cores 1 thread trained the MLP fastest, see bench/)
#   DLCOURSE_KERNEL_BUILD_DIR  where the module was built               (default kernel/target)
#   JAVA_HOME                which java runs the kernel                 (default: java on PATH)
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 DEST_DIR   (e.g. $0 ~/.local/share/jupyter/kernels)" >&2
  exit 2
fi
dest="$1"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="${DLCOURSE_KERNEL_BUILD_DIR:-$here/target}"

fail() {
  echo "install-kernelspec: $*" >&2
  exit 1
}

cpfile="$build/classpath.txt"
jar="$(ls "$build"/dlcourse-kernel-*.jar 2>/dev/null | grep -v -e '-sources' -e '-tests' | head -n 1 || true)"
[ -f "$cpfile" ] && [ -n "$jar" ] ||
  fail "the kernel module is not built: expected $build/classpath.txt and $build/dlcourse-kernel-*.jar." \
    "Build first from the repository root: mvn -q -B install -DskipTests"

cp="$jar:$(cat "$cpfile")"
IFS=':' read -r -a entries <<<"$cp"
for entry in "${entries[@]}"; do
  [ -e "$entry" ] || fail "classpath entry $entry does not exist; rebuild: mvn -q -B install -DskipTests"
done

# The course's own jars (kernel, lib, grading) are rebuilt in place by every build; a kernel that is
# running when that happens would lose its classes. So the kernel runs on a snapshot of them, one
# folder per content hash under <repo>/build/kernel-jars/ (the newest three are kept).
repo="$(cd "$here/.." && pwd)"
snapshots="$repo/build/kernel-jars"
own=()
for entry in "${entries[@]}"; do
  case "$entry" in "$repo"/*.jar) own+=("$entry") ;; esac
done
if [ ${#own[@]} -gt 0 ]; then
  hash="$(cat "${own[@]}" | sha1sum | cut -c1-12)"
  snap="$snapshots/$hash"
  if [ ! -d "$snap" ]; then
    mkdir -p "$snapshots" && tmp="$(mktemp -d "$snapshots/.tmp.XXXXXX")" || fail "cannot write $snapshots"
    cp "${own[@]}" "$tmp"/ && mv "$tmp" "$snap" || fail "cannot copy the course jars into $snap"
  fi
  touch "$snap"
  for i in "${!entries[@]}"; do
    case "${entries[$i]}" in "$repo"/*.jar) entries[$i]="$snap/$(basename "${entries[$i]}")" ;; esac
  done
  cp="$(IFS=':'; echo "${entries[*]}")"
  # Keep the three newest snapshots; a kernel started from an older one keeps its open jars.
  ls -1td "$snapshots"/*/ 2>/dev/null | tail -n +4 | xargs -r rm -rf
fi

if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java="$JAVA_HOME/bin/java"
else
  java="$(command -v java)" || fail "no java on PATH and JAVA_HOME is not set; install JDK 17"
fi

json_string() { # a JSON string literal
  local s="${1//\\/\\\\}"
  s="${s//\"/\\\"}"
  printf '"%s"' "$s"
}

# Native threads: half the logical CPUs (hyper-threads share a core; OpenMP spin-waits suffer when
# cores are oversubscribed), at least 1. DL4J's oneDNN layer helpers: on (org.dlcourse.Speed).
default_threads=$(($(nproc 2>/dev/null || echo 2) / 2))
[ "$default_threads" -ge 1 ] || default_threads=1

# Class-data sharing: an archive of the classes a kernel start and a first DL4J cell load, written
# once per build (kernel/cds/Warmup.java); the kernel maps them instead of loading them. Optional:
# without it (or if it fails) the kernel starts the same way, only slower. DLCOURSE_KERNEL_CDS=0 skips.
cds=()
if [ "${DLCOURSE_KERNEL_CDS:-1}" = 1 ]; then
  jsa="$build/kernel-cds.jsa"
  # Rewritten when the build or the JDK (an apt upgrade) is newer than the archive.
  if [ ! -f "$jsa" ] || [ "$cpfile" -nt "$jsa" ] || [ "$jar" -nt "$jsa" ] || [ "$(readlink -f "$java")" -nt "$jsa" ]; then
    rm -f "$jsa"
    OMP_NUM_THREADS=1 "$java" -XX:ArchiveClassesAtExit="$jsa" -Xmx1g -Djava.awt.headless=true \
      -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$cp" "$here/cds/Warmup.java" >/dev/null 2>&1 || rm -f "$jsa"
  fi
  [ -f "$jsa" ] && cds=("-XX:SharedArchiveFile=$jsa")
fi

# Shift-Tab documentation (kernel/README.md): sources jars copied by the build into $build/sources,
# and the JDK's lib/src.zip (Debian: openjdk-17-source). JShell needs the --add-opens to use them.
docs=(--add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED)
[ -d "$build/sources" ] && docs+=("-Ddlcourse.kernel.sources=$build/sources")
java_home="$(dirname "$(dirname "$(readlink -f "$java")")")"
[ -r "$java_home/lib/src.zip" ] ||
  echo "install-kernelspec: note: $java_home/lib/src.zip is missing, so Shift-Tab shows no JDK documentation;" \
    "on Debian: sudo apt-get install -y openjdk-17-source" >&2

mkdir -p "$dest/dlcourse-java"
out="$dest/dlcourse-java/kernel.json"
{
  echo '{'
  echo '  "display_name": "Java (DL course)",'
  echo '  "language": "java",'
  echo '  "interrupt_mode": "message",'
  echo '  "argv": ['
  for arg in "$java" \
    ${cds[@]+"${cds[@]}"} \
    "-Xmx${DLCOURSE_KERNEL_HEAP:-3g}" \
    "-Dorg.bytedeco.javacpp.maxphysicalbytes=${DLCOURSE_KERNEL_OFFHEAP:-6G}" \
    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn" \
    "-Djava.awt.headless=true" \
    "-Dorg.eclipse.deeplearning4j.helpers.disable=false" \
    "-XX:+UseSerialGC" \
    "${docs[@]}" \
    "-cp" "$cp" \
    "org.dlcourse.kernel.Main"; do
    echo "    $(json_string "$arg"),"
  done
  echo '    "{connection_file}"'
  echo '  ],'
  echo "  \"env\": {\"OMP_NUM_THREADS\": $(json_string "${OMP_NUM_THREADS:-$default_threads}")}"
  echo '}'
} >"$out"
echo "installed kernelspec 'dlcourse-java' (Java (DL course)) in $dest/dlcourse-java"
