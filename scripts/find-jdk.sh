# Sourced by ./mvnw, ./tatra and .ci/run: selects a JDK >= 21.
# Order: $JAVA_HOME if it is >= 21, then the newest JDK >= 21 under /usr/lib/jvm
# (or $TATRA_JVM_DIR), then `java` on PATH. Exports JAVA_HOME and puts its bin first on PATH.
tatra_java_major() {
  # prints the feature version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}
tatra_pick_jdk() {
  local want=21 cand major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(tatra_java_major "$JAVA_HOME/bin/java")
    if [ -n "$major" ] && [ "$major" -ge "$want" ]; then echo "$JAVA_HOME"; return 0; fi
    echo "tatra: JAVA_HOME=$JAVA_HOME is Java ${major:-?}; looking for a JDK >= $want elsewhere" >&2
  fi
  for cand in "${TATRA_JVM_DIR:-/usr/lib/jvm}"/*; do
    [ -x "$cand/bin/javac" ] || continue
    major=$(tatra_java_major "$cand/bin/java")
    if [ -n "$major" ] && [ "$major" -ge "$want" ] && [ "$major" -gt "$best_major" ]; then
      best="$cand"; best_major="$major"
    fi
  done
  if [ -n "$best" ]; then echo "$best"; return 0; fi
  if command -v javac >/dev/null 2>&1; then
    cand=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    major=$(tatra_java_major "$cand/bin/java")
    if [ -n "$major" ] && [ "$major" -ge "$want" ]; then echo "$cand"; return 0; fi
  fi
  return 1
}
if TATRA_JDK=$(tatra_pick_jdk); then
  export JAVA_HOME="$TATRA_JDK"
  export PATH="$JAVA_HOME/bin:$PATH"
else
  cat >&2 <<'MSG'
tatra: no JDK 21 or newer found.
  Looked at $JAVA_HOME, every JDK under /usr/lib/jvm, and javac on PATH.
  Install one, e.g. on Debian/Ubuntu:   sudo apt-get install openjdk-21-jdk
  (or Temurin 21+ from https://adoptium.net), or point JAVA_HOME at an existing JDK >= 21.
MSG
  exit 3
fi
# Quiet the JDK 24+ warnings Maven's own libraries trigger (jansi native access, guava Unsafe).
if [ "$(tatra_java_major "$JAVA_HOME/bin/java")" -ge 24 ] 2>/dev/null; then
  case "${MAVEN_OPTS:-}" in
    *enable-native-access*) ;;
    *) export MAVEN_OPTS="${MAVEN_OPTS:-} --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow" ;;
  esac
fi
