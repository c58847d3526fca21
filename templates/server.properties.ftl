<#--
  server.properties for one KRaft node: broker + controller as in the runbook's step 2.4.2, or in a dedicated
  topology a broker only or a controller only.
  An operator may copy this folder, edit it and point cluster.templates at the copy.

  Model:
    cluster.name, cluster.id
    broker.roles        process.roles: broker,controller (absent: the same), broker, or controller
    broker.nodeId, broker.azId, broker.host, broker.brokerId, broker.dataDir
    broker.externalHost, broker.advertisedPort  only on a node with the broker role
    broker.controllerAdvertised  host:port of CONTROLLER, only for Kafka 3.9 and later (absent before), only on a
                        node with the controller role
    ports.controller, ports.internal, ports.external
    external.securityProtocol  PLAINTEXT (the runbook's), SASL_PLAINTEXT, or SASL_SSL (with privateLink.tls)
    external.mechanism  SCRAM-SHA-256 or SCRAM-SHA-512, only with SASL_PLAINTEXT or SASL_SSL
    external.tls        only with SASL_SSL:
      .keystore         the PEM file the agent writes (0600) beside this one: the private key, then the chain
      .fingerprints     SHA-256 of each certificate of the chain, the broker's own first (as openssl prints them)
    external.authorizer true when the brokers enforce ACLs (privateLink.auth.authorizer): StandardAuthorizer, with
                        User:ANONYMOUS, the principal of every client of the PLAINTEXT listeners INTERNAL and
                        CONTROLLER (brokers, controllers, the tool's own Admin calls), as the one super user.
                        EXTERNAL takes SASL clients only, so nobody reaching the endpoint service is ANONYMOUS.
    external            on a controller-only node only what a controller needs: authorizer (the brokers' value:
                        the controller authorizes the brokers' and the tools' requests to the quorum too)
    quorumVoters        1@10.0.0.12:29092,2@...: a static quorum; or
    quorumBootstrapServers  10.0.0.12:29092,...: the controllers of a dynamic quorum (KIP-853, Kafka 3.9+)
    properties          cluster.properties from the inventory; they win over every default below
-->
<#assign written = []>
<#macro set key value><#assign written = written + [key]>${key}=${properties[key]!value}
</#macro>
# Maintained by plk for cluster ${cluster.name}: broker ${broker.nodeId} in ${broker.azId}.
# Edit the inventory (or this template), not this file: the next apply rewrites it.
<#assign roles = broker.roles!"broker,controller">
<#assign isBroker = roles?split(",")?seq_contains("broker")>
<#assign isController = roles?split(",")?seq_contains("controller")>
<@set "process.roles" roles/>
<@set "node.id" broker.nodeId?c/>
<#if quorumBootstrapServers??>
<@set "controller.quorum.bootstrap.servers" quorumBootstrapServers/>
<#else>
<@set "controller.quorum.voters" quorumVoters/>
</#if>
<#if isBroker>
<#assign controllerListener><#if isController>,CONTROLLER://0.0.0.0:${ports.controller?c}</#if></#assign>
<@set "listeners" "INTERNAL://0.0.0.0:${ports.internal?c}${controllerListener},EXTERNAL://0.0.0.0:${ports.external?c}"/>
<@set "inter.broker.listener.name" "INTERNAL"/>
<#-- EXTERNAL is what TiDB Cloud sees: <broker_id>.<az_id>.<unique_name>...:<load balancer port> -->
<#-- Kafka 3.9+ voters advertise CONTROLLER at their private address: else a follower may take the leader's
     wildcard listener as its host name from the leader's own announcement and fail to fetch (KIP-853).
     Kafka 3.7/3.8 refuse CONTROLLER here on a node that is also a broker. -->
<#assign controllerAdvertised><#if isController && broker.controllerAdvertised??>,CONTROLLER://${broker.controllerAdvertised}</#if></#assign>
<@set "advertised.listeners" "INTERNAL://${broker.host}:${ports.internal?c},EXTERNAL://${broker.externalHost}:${broker.advertisedPort?c}${controllerAdvertised}"/>
<#else>
<@set "listeners" "CONTROLLER://0.0.0.0:${ports.controller?c}"/>
<#if broker.controllerAdvertised??>
<@set "advertised.listeners" "CONTROLLER://${broker.controllerAdvertised}"/>
</#if>
</#if>
<@set "controller.listener.names" "CONTROLLER"/>
<#if isBroker>
<@set "listener.security.protocol.map" "INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,EXTERNAL:${external.securityProtocol},SSL:SSL,SASL_PLAINTEXT:SASL_PLAINTEXT,SASL_SSL:SASL_SSL"/>
<#if external.mechanism??>
<#-- only the chosen mechanism on EXTERNAL; the users' credentials are salted hashes in the metadata log, never here -->
<@set "listener.name.external.sasl.enabled.mechanisms" external.mechanism/>
<@set "listener.name.external.${external.mechanism?lower_case}.sasl.jaas.config" "org.apache.kafka.common.security.scram.ScramLoginModule required;"/>
</#if>
<#else>
<@set "listener.security.protocol.map" "CONTROLLER:PLAINTEXT"/>
</#if>
<#if (external.authorizer)!false>
<#-- ACLs: INTERNAL and CONTROLLER are PLAINTEXT, so the brokers, the controllers and the tool's Admin calls all
     arrive as User:ANONYMOUS and must pass every check; EXTERNAL requires SASL, so none of its clients is ANONYMOUS
     and each is held to its own ACLs (a SCRAM user named ANONYMOUS is refused by the inventory) -->
<@set "authorizer.class.name" "org.apache.kafka.metadata.authorizer.StandardAuthorizer"/>
<@set "super.users" "User:ANONYMOUS"/>
</#if>
<#if isBroker && external.tls??>
<#-- the key is unencrypted PKCS#8 in a file only Kafka's user reads: no password to keep anywhere -->
# EXTERNAL's TLS certificate chain, SHA-256, the broker's own first; a new one changes this file: a restart
<#list external.tls.fingerprints as fingerprint>
#   ${fingerprint}
</#list>
<@set "listener.name.external.ssl.keystore.type" "PEM"/>
<@set "listener.name.external.ssl.keystore.location" external.tls.keystore/>
</#if>
<#-- absolute, unlike the runbook's ./data, so it does not depend on the working directory -->
<@set "log.dirs" broker.dataDir/>
<#if isBroker>
<#-- replicas spread across AZs -->
<@set "broker.rack" broker.azId/>
</#if>
<#list properties as key, value>
<#if !written?seq_contains(key)>
${key}=${value}
</#if>
</#list>
