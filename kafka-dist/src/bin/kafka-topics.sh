#!/bin/sh
# Creates, lists, describes and deletes topics: kafka-topics.sh --bootstrap-server HOST:PORT --list
exec "$(dirname "$0")/kafka-run-class.sh" org.apache.kafka.tools.TopicCommand "$@"
