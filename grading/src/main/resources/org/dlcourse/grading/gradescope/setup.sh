#!/usr/bin/env bash
# Gradescope runs this once when it builds the autograder image (Ubuntu, as root, with network).
# It installs a JDK 17 (the grader compiles each submission with javac) and bubblewrap (the
# sandbox); the grader's own jars ship in the zip under grader/lib, nothing else is downloaded.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends openjdk-17-jdk-headless bubblewrap util-linux coreutils
chmod +x /autograder/source/run_autograder
java -version
