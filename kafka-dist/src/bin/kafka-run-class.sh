#!/bin/sh
# Runs a Java class with every jar in libs/ on the classpath; a much smaller cousin of Apache's script.
# Environment: JAVA_HOME, KAFKA_HEAP_OPTS (default -Xmx256M), KAFKA_OPTS, LOG_DIR (default <home>/logs),
# KAFKA_LOG4J_CONFIG (config/ file base name, default tools-log4j), KAFKA_LOG4J_OPTS (replaces it).
if [ $# -lt 1 ]; then
  echo "usage: $0 CLASS [ARGS...]" >&2
  exit 1
fi
base_dir=$(cd "$(dirname "$0")/.." && pwd)
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
log_dir="${LOG_DIR:-$base_dir/logs}"

# Kafka 4 logs through Log4j 2 (config/*log4j2.yaml), Kafka 3 through reload4j (config/*log4j.properties)
log_config="${KAFKA_LOG4J_CONFIG:-tools-log4j}"
if [ -n "$KAFKA_LOG4J_OPTS" ]; then
  log_opts="$KAFKA_LOG4J_OPTS"
elif [ -f "$base_dir/config/${log_config}2.yaml" ]; then
  log_opts="-Dlog4j2.configurationFile=$base_dir/config/${log_config}2.yaml"
else
  log_opts="-Dlog4j.configuration=file:$base_dir/config/${log_config}.properties"
fi

# shellcheck disable=SC2086 # the *_OPTS variables hold several options
exec "$java" ${KAFKA_HEAP_OPTS:--Xmx256M} $KAFKA_OPTS "-Dkafka.logs.dir=$log_dir" $log_opts \
  -cp "$base_dir/libs/*" "$@"
