#!/bin/sh
# Describes the KRaft quorum: kafka-metadata-quorum.sh --bootstrap-server HOST:PORT describe --status
exec "$(dirname "$0")/kafka-run-class.sh" org.apache.kafka.tools.MetadataQuorumCommand "$@"
