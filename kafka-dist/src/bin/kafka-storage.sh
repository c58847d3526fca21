#!/bin/sh
# Formats KRaft log directories: kafka-storage.sh format -t CLUSTER_ID -c server.properties
exec "$(dirname "$0")/kafka-run-class.sh" kafka.tools.StorageTool "$@"
