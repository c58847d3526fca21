#!/bin/sh
# Starts a broker and/or controller in the foreground: kafka-server-start.sh server.properties
if [ $# -lt 1 ]; then
  echo "usage: $0 server.properties [--override property=value]..." >&2
  exit 1
fi
bin_dir=$(dirname "$0")
export KAFKA_LOG4J_CONFIG=log4j
export KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx1G -Xms1G}"
exec "$bin_dir/kafka-run-class.sh" kafka.Kafka "$@"
