#!/usr/bin/env bash
# Gradescope runs this once when it builds the autograder image (Ubuntu, as root, with network).
# It installs a JDK 17 (the grader compiles each submission with javac) and bubblewrap (the
# sandbox); the grader's own jars ship in the zip under grader/lib. For a problem set that uses the
# course library, the library's own jar ships under grader/library and its dependencies from Maven
# Central (ND4J, DL4J, ...: about 180 MB, too much to upload) are fetched here, each checked against
# the size and SHA-256 the zip was built with (grader/library/central.tsv; MAVEN_CENTRAL names a
# mirror); nothing else is downloaded. Then it prepares the test runtime once for every submission:
# ND4J's natives extracted, class-data sharing archives.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends openjdk-17-jdk-headless bubblewrap util-linux coreutils
if [ -d /autograder/source/grader/library ]; then
  # The course library's problem sets read Fashion-MNIST from Debian's/Ubuntu's package.
  apt-get install -y -q --no-install-recommends dataset-fashion-mnist
  # The test images are the judge's held-out data (heldOut=fashion-mnist-test): only root (the
  # grader) may read them, so that a test JVM (uid 61000/61001 when bubblewrap cannot start) cannot.
  chmod 0600 /usr/share/datasets/fashion-mnist/t10k-*
fi
chmod +x /autograder/source/run_autograder
java -version
ROOT=/autograder
export DLCOURSE_RUNTIME_CACHE="$ROOT/runtime-cache"
if [ -f "$ROOT/source/grader/library/central.tsv" ]; then
  java -Xmx256m -cp "$ROOT/source/grader/lib/*" org.dlcourse.grading.cli.GradescopeCli \
    --root "$ROOT" --grader "$ROOT/source/grader" --fetch-library \
    --maven-repo="${MAVEN_CENTRAL:-https://repo1.maven.org/maven2}"
fi
java -Xmx512m -cp "$ROOT/source/grader/lib/*" org.dlcourse.grading.cli.GradescopeCli \
  --root "$ROOT" --grader "$ROOT/source/grader" --prepare
