#!/bin/sh
# Lists the API versions each broker supports: kafka-broker-api-versions.sh --bootstrap-server HOST:PORT
bin_dir=$(dirname "$0")
# the command moved from the Scala core (3.x) to kafka-tools (4.x)
if ls "$bin_dir"/../libs/kafka_2.13-3.*.jar >/dev/null 2>&1; then
  command=kafka.admin.BrokerApiVersionsCommand
else
  command=org.apache.kafka.tools.BrokerApiVersionsCommand
fi
exec "$bin_dir/kafka-run-class.sh" "$command" "$@"
