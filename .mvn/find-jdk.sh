# Sourced by ./mvnw, ./recoder and .ci/run: points JAVA_HOME at a JDK >= 25 when it does not already.
# Looks at JAVA_HOME, then /usr/lib/jvm (Debian's JVM directory, where Temurin 25 sits), then java on PATH.
recoder_java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1; }
recoder_find_jdk() {
  local c v
  for c in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} /usr/lib/jvm/temurin-25*/bin/java /usr/lib/jvm/*-25*/bin/java /usr/lib/jvm/*/bin/java "$(command -v java 2>/dev/null || true)"; do
    [ -n "$c" ] && [ -x "$c" ] || continue
    v="$(recoder_java_major "$c")"
    if [ -n "$v" ] && [ "${v%%.*}" -ge 25 ] 2>/dev/null; then
      (cd "$(dirname "$c")/.." && pwd)
      return 0
    fi
  done
  return 1
}
if recoder_jdk="$(recoder_find_jdk)"; then
  if [ -n "${JAVA_HOME:-}" ] && [ "$(cd "$JAVA_HOME" 2>/dev/null && pwd)" != "$recoder_jdk" ]; then
    if [ -x "$JAVA_HOME/bin/java" ]; then
      echo "recoder: JAVA_HOME=$JAVA_HOME is Java $(recoder_java_major "$JAVA_HOME/bin/java"), not 25 or later; using $recoder_jdk" >&2
    else
      echo "recoder: JAVA_HOME=$JAVA_HOME has no bin/java; using $recoder_jdk" >&2
    fi
  fi
  export JAVA_HOME="$recoder_jdk"
else
  echo "recoder: error: no JDK 25 or later found (looked at JAVA_HOME, /usr/lib/jvm and PATH); install one and set JAVA_HOME" >&2
  exit 1
fi
unset recoder_jdk
