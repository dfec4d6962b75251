package dev.cutover.plans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * One malformed plan per test, each asserting the whole rendered message: file, line, column,
 * field, problem and fix, for every problem in the file.
 */
class MalformedPlanTest {

    @Test
    void an_unknown_key_suggests_the_closest_allowed_one() {
        assertProblems("""
                version: 1
                name: p
                clusters:
                  source: {bootstrap: "a:9092"}
                  target: {bootstrap: "b:9092"}
                tpoics: {include: ["x"]}
                """, """
                plan.yaml:1:1: topics: required field is missing
                  fix: add topics: {include: ["sfdc\\\\..*"]}
                plan.yaml:6:1: tpoics: unknown key "tpoics" (did you mean "topics"?)
                  fix: rename tpoics to topics
                """);
    }

    @Test
    void missing_required_fields_are_named_with_their_parent() {
        assertProblems("""
                version: 1
                name: p
                clusters:
                  source:
                    properties: {}
                  target: {bootstrap: "b:9092"}
                topics:
                  exclude: []
                """, """
                plan.yaml:5:5: clusters.source.bootstrap: required field is missing
                  fix: add bootstrap: kafka-1:9092,kafka-2:9092 under clusters.source
                plan.yaml:8:3: topics.include: required field is missing
                  fix: add include: ["sfdc\\\\..*"] under topics
                """);
    }

    @Test
    void a_missing_section_is_reported_once() {
        assertProblems("""
                version: 1
                topics: {include: [x]}
                """, """
                plan.yaml:1:1: name: required field is missing
                  fix: add name: sfdc-cdc-to-new-cluster
                plan.yaml:1:1: clusters: required field is missing
                  fix: add clusters: {source: {bootstrap: old-kafka:9092}, target: {bootstrap: new-kafka:9092}}
                """);
    }

    @Test
    void an_unsupported_version_is_the_only_problem_reported() {
        assertProblems("""
                version: 2
                name: p
                producers: 5
                """, """
                plan.yaml:1:10: version: version "2" is not supported (this cutover reads version 1)
                  fix: set version: 1, or use the cutover release that wrote this plan
                """);
    }

    @Test
    void wrong_types_say_what_was_expected_and_found() {
        assertProblems("""
                version: 1
                name: p
                clusters: [a, b]
                topics:
                  include: "sfdc.*"
                groups:
                  include: [x, [y]]
                """, """
                plan.yaml:3:11: clusters: expected a mapping of keys, found a list
                  fix: write it as clusters: {source: {bootstrap: old-kafka:9092}, target: {bootstrap: new-kafka:9092}}
                plan.yaml:5:12: topics.include: expected a list, found a single value
                  fix: write it as include: ["sfdc\\\\..*"]
                plan.yaml:7:16: groups.include[1]: expected a single value, found a list
                  fix: write the list as include: ["sfdc-.*"]
                """);
    }

    @Test
    void a_bad_regex_shows_the_pattern_syntax_description() {
        assertProblems("""
                version: 1
                name: p
                clusters:
                  source: {bootstrap: "a:9092"}
                  target: {bootstrap: "b:9092"}
                topics: {include: ["sfdc\\\\..*"]}
                groups: {include: ["sfdc-(", "ok"]}
                """, """
                plan.yaml:7:20: groups.include[0]: "sfdc-(" is not a valid regex: Unclosed group near index 6
                  fix: correct the Java regex (it must match whole names; a literal dot is \\.), e.g. include: ["sfdc-.*"]
                """);
    }

    @Test
    void durations_need_a_unit_and_counts_must_not_be_negative() {
        assertProblems("""
                version: 1
                name: p
                clusters:
                  source: {bootstrap: "a:9092"}
                  target: {bootstrap: "b:9092"}
                topics: {include: ["sfdc\\\\..*"]}
                gates:
                  in-sync: {max-lag: -1, timeout: 15}
                  quiesce: {window: 5 s, timeout: 0s}
                """, """
                plan.yaml:8:22: gates.in-sync.max-lag: "-1" is not a record count (must be 0 or more)
                  fix: set max-lag to a whole number of records, e.g. max-lag: 0
                plan.yaml:8:35: gates.in-sync.timeout: "15" has no unit (seconds? minutes?)
                  fix: write a whole number with a unit (ms, s, m or h), e.g. timeout: 15m
                plan.yaml:9:21: gates.quiesce.window: "5 s" is not a duration
                  fix: write a whole number with a unit (ms, s, m or h), e.g. window: 5s
                plan.yaml:9:35: gates.quiesce.timeout: "0s" must be more than zero
                  fix: write a whole number with a unit (ms, s, m or h), e.g. timeout: 2m
                """);
    }

    @Test
    void move_consumers_parallel_is_a_group_count_within_bounds() {
        assertProblems("""
                version: 1
                name: p
                clusters:
                  source: {bootstrap: "a:9092"}
                  target: {bootstrap: "b:9092"}
                topics: {include: ["sfdc\\\\..*"]}
                gates:
                  move-consumers: {parallel: 0}
                """, """
                plan.yaml:8:30: gates.move-consumers.parallel: "0" is not a group count (must be 1 or more)
                  fix: set parallel to a whole number of groups, e.g. parallel: 8
                """);
        assertProblems("""
                version: 1
                name: p
                clusters:
                  source: {bootstrap: "a:9092"}
                  target: {bootstrap: "b:9092"}
                topics: {include: ["sfdc\\\\..*"]}
                gates:
                  move-consumers: {parallel: 500}
                """, """
                plan.yaml:8:30: gates.move-consumers.parallel: "500" is more groups at once than 64 (each holds record readers on both clusters)
                  fix: set parallel to at most 64, e.g. parallel: 8
                """);
    }

    @Test
    void a_literal_secret_is_refused_without_echoing_it() {
        assertProblems("""
                version: 1
                name: p
                clusters:
                  source:
                    bootstrap: a:9092
                    properties:
                      security.protocol: SASL_SSL
                      sasl.jaas.config: ScramLoginModule required username="u" password="hunter2";
                  target: {bootstrap: "b:9092"}
                topics: {include: [x]}
                """, """
                plan.yaml:8:25: clusters.source.properties.sasl.jaas.config: holds a literal secret, which would be stored in the ledger with the plan
                  fix: put the value in an environment variable or a file and write sasl.jaas.config: ${env:SOURCE_JAAS} (or ${file:/path/to/secret})
                """);
    }

    @Test
    void a_literal_secret_in_mirror_properties_is_refused_as_in_cluster_properties() {
        assertProblems("""
                version: 1
                name: p
                clusters:
                  source: {bootstrap: "a:9092"}
                  target: {bootstrap: "b:9092"}
                topics: {include: [x]}
                mirror:
                  properties:
                    producer.compression.type: zstd
                    sasl.jaas.config: "org.apache.kafka.common.security.scram.ScramLoginModule required username=\\"u\\" password=\\"p\\";"
                    target.cluster.sasl.jaas.config: ScramLoginModule required username="u" password="p";
                    consumer.ssl.key.password: hunter2
                    source.cluster.sasl.jaas.config: ${env:MIRROR_SOURCE_JAAS}
                    client.id: cutover-${vault:host}
                """, """
                plan.yaml:10:23: mirror.properties.sasl.jaas.config: holds a literal secret, which would be stored in the ledger with the plan
                  fix: put the value in an environment variable or a file and write sasl.jaas.config: ${env:MIRROR_JAAS} (or ${file:/path/to/secret})
                plan.yaml:11:38: mirror.properties.target.cluster.sasl.jaas.config: holds a literal secret, which would be stored in the ledger with the plan
                  fix: put the value in an environment variable or a file and write target.cluster.sasl.jaas.config: ${env:MIRROR_TARGET_CLUSTER_JAAS} (or ${file:/path/to/secret})
                plan.yaml:12:32: mirror.properties.consumer.ssl.key.password: holds a literal secret, which would be stored in the ledger with the plan
                  fix: put the value in an environment variable or a file and write consumer.ssl.key.password: ${env:MIRROR_CONSUMER_SSL_KEY_PASSWORD} (or ${file:/path/to/secret})
                plan.yaml:14:16: mirror.properties.client.id: placeholder "${vault:host}" is not ${env:NAME} or ${file:PATH}
                  fix: use ${env:NAME} or ${file:PATH}, e.g. client.id: ${env:MIRROR_CLIENT_ID}
                """);
    }

    @Test
    void a_literal_credential_in_the_connect_headers_is_refused() {
        assertProblems("""
                version: 1
                name: p
                clusters:
                  source: {bootstrap: "a:9092"}
                  target: {bootstrap: "b:9092"}
                topics: {include: [x]}
                mirror:
                  engine: connect
                  connect:
                    url: http://connect:8083
                    headers:
                      Authorization: Basic dXNlcjpwYXNz
                      X-Api-Key: ${env:CONNECT_KEY}
                      X-Team: payments
                """, """
                plan.yaml:12:22: mirror.connect.headers.Authorization: holds a literal secret, which would be stored in the ledger with the plan
                  fix: put the value in an environment variable or a file and write Authorization: ${env:CONNECT_AUTHORIZATION} (or ${file:/path/to/secret})
                """);
    }

    @Test
    void the_connect_tls_takes_kafkas_ssl_keys_passwords_by_reference_and_an_https_url() {
        assertProblems("""
                version: 1
                name: p
                clusters:
                  source: {bootstrap: "a:9092"}
                  target: {bootstrap: "b:9092"}
                topics: {include: [x]}
                mirror:
                  engine: connect
                  connect:
                    url: http://connect:8083
                    tls:
                      ssl.truststore.location: /etc/cutover/connect-ca.p12
                      ssl.truststore.password: changeit
                      ssl.trustore.type: PKCS12
                """, """
                plan.yaml:10:10: mirror.connect.url: tls is set but "http://connect:8083" is not https
                  fix: write the https address of the Connect REST listener, e.g. url: https://connect:8443, or remove tls
                plan.yaml:13:32: mirror.connect.tls.ssl.truststore.password: holds a literal secret, which would be stored in the ledger with the plan
                  fix: put the value in an environment variable or a file and write ssl.truststore.password: ${env:CONNECT_SSL_TRUSTSTORE_PASSWORD} (or ${file:/path/to/secret})
                plan.yaml:14:7: mirror.connect.tls.ssl.trustore.type: unknown key "ssl.trustore.type" (did you mean "ssl.truststore.type"?)
                  fix: rename ssl.trustore.type to ssl.truststore.type
                """);
    }

    @Test
    void retention_headroom_needs_below_and_one_group_or_a_producer_of_the_plan() {
        assertProblems("""
                version: 1
                name: p
                clusters:
                  source: {bootstrap: "a:9092"}
                  target: {bootstrap: "b:9092"}
                topics: {include: [x]}
                groups: {include: [sink]}
                producers:
                  - {name: account-cdc, topics: [x], control: {type: command, stop: "true", start: "true"}}
                rollback:
                  triggers:
                    - {name: a, when: retention-headroom, group: sink}
                    - {name: b, when: retention-headroom, group: sink, producer: account-cdc, below: 1h}
                    - {name: c, when: retention-headroom, producer: contact-cdc, below: 1h}
                """, """
                plan.yaml:12:7: rollback.triggers[0].below: required field is missing
                  fix: add below: 12h under rollback.triggers[0]
                plan.yaml:13:7: rollback.triggers[1].when: retention-headroom watches one group or one producer
                  fix: give it group: NAME (its oldest unconsumed record against the topic's retention) or producer: NAME (its last event against Salesforce's 72 h replay window), not both
                plan.yaml:14:53: rollback.triggers[2].producer: no producer named "contact-cdc" in producers
                  fix: name one of the plan's producers: [account-cdc]
                """);
    }

    @Test
    void placeholders_must_be_env_or_file() {
        assertProblems("""
                version: 1
                name: p
                clusters:
                  source:
                    bootstrap: ${vault:kafka}
                    properties:
                      ssl.key.password: ${env:1BAD}
                      client.id: cutover-${env:HOST
                  target: {bootstrap: "b:9092"}
                topics: {include: [x]}
                """, """
                plan.yaml:5:16: clusters.source.bootstrap: placeholder "${vault:kafka}" is not ${env:NAME} or ${file:PATH}
                  fix: use ${env:NAME} or ${file:PATH}, e.g. bootstrap: ${env:SOURCE_BOOTSTRAP}
                plan.yaml:7:25: clusters.source.properties.ssl.key.password: placeholder "${env:1BAD}" does not name an environment variable (letters, digits and _, not starting with a digit)
                  fix: use ${env:NAME} or ${file:PATH}, e.g. ssl.key.password: ${env:SOURCE_SSL_KEY_PASSWORD}
                plan.yaml:8:18: clusters.source.properties.client.id: a "${" is not closed with "}"
                  fix: use ${env:NAME} or ${file:PATH}, e.g. client.id: ${env:SOURCE_CLIENT_ID}
                """);
    }

    @Test
    void bootstrap_must_be_host_port_pairs() {
        assertProblems("""
                version: 1
                name: p
                clusters:
                  source:
                    bootstrap: old-kafka-1
                    properties: {bootstrap.servers: "x:1"}
                  target:
                    bootstrap: a:99999,,b
                topics: {include: [x]}
                """, """
                plan.yaml:5:16: clusters.source.bootstrap: "old-kafka-1" has no port (expected host:port)
                  fix: list the brokers as host:port separated by commas, e.g. bootstrap: kafka-1:9092,kafka-2:9092
                plan.yaml:6:18: clusters.source.properties.bootstrap.servers: the brokers are set by clusters.source.bootstrap
                  fix: move the address to clusters.source.bootstrap and remove bootstrap.servers here
                plan.yaml:8:16: clusters.target.bootstrap: "a:99999" has port 99999, outside 1-65535
                  fix: list the brokers as host:port separated by commas, e.g. bootstrap: kafka-1:9092,kafka-2:9092
                """);
    }

    @Test
    void bad_enum_values_list_the_allowed_ones() {
        assertProblems("""
                version: 1
                name: p
                clusters:
                  source: {bootstrap: "a:9092"}
                  target: {bootstrap: "b:9092"}
                topics: {include: ["sfdc\\\\..*"]}
                mirror: {engine: mirrormaker}
                producers:
                  - name: account-cdc
                    topics: [sfdc.cdc.account]
                    control: {type: kafka}
                """, """
                plan.yaml:7:18: mirror.engine: "mirrormaker" is not one of: embedded, connect
                  fix: set engine to one of: embedded, connect, e.g. engine: embedded
                plan.yaml:11:21: producers[0].control.type: "kafka" is not one of: command, http, connect
                  fix: set type to one of: command, http, connect, e.g. type: command
                """);
    }

    @Test
    void duplicate_producer_names_point_at_the_first() {
        assertProblems("""
                version: 1
                name: p
                clusters:
                  source: {bootstrap: "a:9092"}
                  target: {bootstrap: "b:9092"}
                topics: {include: ["sfdc\\\\..*"]}
                producers:
                  - name: account-cdc
                    topics: [sfdc.cdc.account]
                    control: {type: command, stop: "./stop", start: "./start"}
                  - name: account-cdc
                    topics: [sfdc.cdc.case]
                    control: {type: command, stop: "./stop", start: "./start"}
                """, """
                plan.yaml:11:11: producers[1].name: duplicate producer name "account-cdc" (first at line 8)
                  fix: give each producer its own name
                """);
    }

    @Test
    void producer_topics_must_be_selected_by_the_topic_patterns() {
        assertProblems("""
                version: 1
                name: p
                clusters:
                  source: {bootstrap: "a:9092"}
                  target: {bootstrap: "b:9092"}
                topics: {include: ["sfdc\\\\..*"], exclude: ["sfdc\\\\.test\\\\..*"]}
                producers:
                  - name: account-cdc
                    topics: [sfdc.cdc.account, billing.events, sfdc.test.account]
                    control: {type: command, stop: "./stop", start: "./start"}
                """, """
                plan.yaml:9:32: producers[0].topics[1]: topic "billing.events" is not selected by topics.include/exclude, so it would not be moved
                  fix: add a regex matching it to topics.include (or remove it from topics.exclude)
                plan.yaml:9:48: producers[0].topics[2]: topic "sfdc.test.account" is not selected by topics.include/exclude, so it would not be moved
                  fix: add a regex matching it to topics.include (or remove it from topics.exclude)
                """);
    }

    @Test
    void each_control_type_needs_its_own_fields() {
        assertProblems("""
                version: 1
                name: p
                clusters:
                  source: {bootstrap: "a:9092"}
                  target: {bootstrap: "b:9092"}
                topics: {include: ["sfdc\\\\..*"]}
                producers:
                  - name: cmd
                    topics: [sfdc.a]
                    control: {type: command, stop: "./stop"}
                  - name: web
                    topics: [sfdc.a]
                    control: {type: http, stop: "ftp://app/stop", start: "http://app/start"}
                  - name: conn
                    topics: [sfdc.a]
                    control: {type: connect, source-url: "http://a:8083", connector: c, stop: "./stop"}
                """, """
                plan.yaml:10:14: producers[0].control.start: required field is missing
                  fix: add start: "./bin/app start --bootstrap {target.bootstrap}" under producers[0].control
                plan.yaml:13:33: producers[1].control.stop: "ftp://app/stop" is not an http(s) URL
                  fix: write the full URL, e.g. stop: http://app:8080/stop
                plan.yaml:16:14: producers[2].control.target-url: required field is missing
                  fix: add target-url: http://new-connect:8083 under producers[2].control
                plan.yaml:16:73: producers[2].control.stop: unknown key "stop"
                  fix: remove it; keys allowed under producers[2].control: type, source-url, target-url, connector
                """);
    }

    @Test
    void control_placeholders_are_checked_per_owner() {
        assertProblems("""
                version: 1
                name: p
                clusters:
                  source: {bootstrap: "a:9092"}
                  target: {bootstrap: "b:9092"}
                topics: {include: ["sfdc\\\\..*"]}
                groups: {include: ["sfdc-.*"]}
                producers:
                  - name: account-cdc
                    topics: [sfdc.cdc.account]
                    control: {type: command, stop: "./stop", start: "./start --from {replayID}"}
                consumers:
                  - group: sfdc-sink
                    control: {type: command, stop: "./stop", start: "./start --from {replayId} --home ${HOME}"}
                """, """
                plan.yaml:11:53: producers[0].control.start: unknown placeholder "{replayID}" for a producer (did you mean "{replayId}"?)
                  fix: use one of: {source.bootstrap}, {target.bootstrap}, {producer}, {replayId}
                plan.yaml:14:53: consumers[0].control.start: unknown placeholder "{replayId}" for a consumer
                  fix: use one of: {source.bootstrap}, {target.bootstrap}, {group}
                """);
    }

    @Test
    void consumer_groups_must_be_unique_and_selected() {
        assertProblems("""
                version: 1
                name: p
                clusters:
                  source: {bootstrap: "a:9092"}
                  target: {bootstrap: "b:9092"}
                topics: {include: ["sfdc\\\\..*"]}
                groups: {include: ["sfdc-.*"]}
                consumers:
                  - group: sfdc-sink
                    control: {type: command, stop: s, start: s}
                  - group: sfdc-sink
                    control: {type: command, stop: s, start: s}
                  - group: billing
                    control: {type: command, stop: s, start: s}
                """, """
                plan.yaml:11:12: consumers[1].group: duplicate consumer group "sfdc-sink" (first at line 9)
                  fix: list each group once; one control moves the whole group
                plan.yaml:13:12: consumers[2].group: group "billing" is not selected by groups.include/exclude, so its offsets would not move
                  fix: add a regex matching it to groups.include, e.g. groups: {include: ["billing"]}
                """);
    }

    @Test
    void connect_engine_needs_a_url_and_tasks_at_least_one() {
        assertProblems("""
                version: 1
                name: p
                clusters:
                  source: {bootstrap: "a:9092"}
                  target: {bootstrap: "b:9092"}
                topics: {include: ["sfdc\\\\..*"]}
                mirror: {engine: connect, tasks: 0}
                """, """
                plan.yaml:7:18: mirror.connect.url: required when mirror.engine is connect
                  fix: add connect: {url: http://connect:8083} under mirror, or set engine: embedded
                plan.yaml:7:34: mirror.tasks: "0" is not a task count (must be 1 or more)
                  fix: set tasks to a whole number of tasks, e.g. tasks: 4
                """);
    }

    @Test
    void trigger_fields_depend_on_the_kind() {
        assertProblems("""
                version: 1
                name: p
                clusters:
                  source: {bootstrap: "a:9092"}
                  target: {bootstrap: "b:9092"}
                topics: {include: ["sfdc\\\\..*"]}
                groups: {include: [g]}
                rollback:
                  automatic: yes please
                  triggers:
                    - {name: lag, when: consumer-lag, above: 2m, within: 5m}
                    - {name: lag, when: event-age, group: g, above: 120}
                    - {name: dlq, when: topic-growth, topic: sfdc.dlq, above: 100}
                    - {name: probe, when: comand, run: x}
                    - {name: p2, when: command, run: x, fro: 10s}
                """, """
                plan.yaml:9:14: rollback.automatic: "yes please" is not true or false
                  fix: set automatic: true or automatic: false
                plan.yaml:11:7: rollback.triggers[0].group: required field is missing
                  fix: add group: sfdc-notify under rollback.triggers[0]
                plan.yaml:11:46: rollback.triggers[0].above: "2m" is not a record count (must be 0 or more)
                  fix: set above to a whole number of records, e.g. above: 5000
                plan.yaml:11:50: rollback.triggers[0].within: within does not apply to when: consumer-lag
                  fix: remove it; a consumer-lag trigger takes name, when, group, above, topic, for
                plan.yaml:12:14: rollback.triggers[1].name: duplicate trigger name "lag" (first at line 11)
                  fix: give each trigger its own name; the ledger records breaches by name
                plan.yaml:12:53: rollback.triggers[1].above: "120" has no unit (seconds? minutes?)
                  fix: write a whole number with a unit (ms, s, m or h), e.g. above: 2m
                plan.yaml:13:7: rollback.triggers[2].within: required field is missing
                  fix: add within: 5m under rollback.triggers[2]
                plan.yaml:14:27: rollback.triggers[3].when: "comand" is not one of: consumer-lag, event-age, topic-growth, command, retention-headroom
                  fix: set when to one of: consumer-lag, event-age, topic-growth, command, retention-headroom, e.g. when: consumer-lag
                plan.yaml:15:41: rollback.triggers[4].fro: unknown key "fro" (did you mean "for"?)
                  fix: rename fro to for
                """);
    }

    @Test
    void a_trigger_must_watch_a_selected_group() {
        assertProblems("""
                version: 1
                name: p
                clusters:
                  source: {bootstrap: "a:9092"}
                  target: {bootstrap: "b:9092"}
                topics: {include: ["sfdc\\\\..*"]}
                groups: {include: ["sfdc-.*"], exclude: ["sfdc-test-.*"]}
                rollback:
                  triggers:
                    - {name: notify-lag, when: consumer-lag, group: sfdc-notify, above: 5000}
                    - {name: billing-lag, when: consumer-lag, group: billing, above: 5000}
                    - {name: test-age, when: event-age, group: sfdc-test-1, above: 2m}
                    - {name: prefix-lag, when: consumer-lag, group: sfdc, above: 5000}
                """, """
                plan.yaml:11:54: rollback.triggers[1].group: trigger "billing-lag" watches group "billing", which groups.include/exclude do not select, so it is not moved to the target
                  fix: select the group in groups.include or name a selected group
                plan.yaml:12:48: rollback.triggers[2].group: trigger "test-age" watches group "sfdc-test-1", which groups.include/exclude do not select, so it is not moved to the target
                  fix: select the group in groups.include or name a selected group
                plan.yaml:13:53: rollback.triggers[3].group: trigger "prefix-lag" watches group "sfdc", which groups.include/exclude do not select, so it is not moved to the target
                  fix: select the group in groups.include or name a selected group
                """);
    }

    @Test
    void without_a_groups_section_no_trigger_can_watch_a_group() {
        assertProblems("""
                version: 1
                name: p
                clusters:
                  source: {bootstrap: "a:9092"}
                  target: {bootstrap: "b:9092"}
                topics: {include: ["sfdc\\\\..*"]}
                rollback:
                  triggers: [{name: notify-lag, when: consumer-lag, group: sfdc-notify, above: 5000}]
                """, """
                plan.yaml:8:60: rollback.triggers[0].group: trigger "notify-lag" watches group "sfdc-notify", which groups.include/exclude do not select, so it is not moved to the target
                  fix: select the group in groups.include or name a selected group
                """);
    }

    @Test
    void a_yaml_syntax_error_points_at_the_unclosed_part() {
        assertProblems("""
                version: 1
                name: p
                clusters:
                  source: {bootstrap: "a:9092"
                  target: {bootstrap: "b:9092"}
                """, """
                plan.yaml:5:3: YAML syntax: expected ',' or '}', but got <scalar> (while parsing a flow mapping that starts at line 4)
                  fix: check the indentation and quoting here; quote values that contain ": " or " #", that start with [, {, *, & or @, or that contain , [ ] { } inside a {...} or [...]
                """);
    }

    @Test
    void tabs_are_reported_as_such() {
        assertProblems("""
                version: 1
                name: p
                clusters:
                \tsource: x
                """, """
                plan.yaml:4:1: YAML syntax: found character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation)
                  fix: indent with spaces; YAML does not allow tabs
                """);
    }

    @Test
    void an_empty_file_says_what_a_plan_needs() {
        assertProblems("""

                # only a comment
                """, """
                plan.yaml:1:1: the file is empty
                  fix: start from examples/sandbox.yaml: a plan needs at least version, name, clusters and topics
                """);
    }

    @Test
    void a_plan_must_be_a_mapping() {
        assertProblems("""
                - version: 1
                - name: p
                """, """
                plan.yaml:1:1: a plan is a mapping of keys, found a list
                  fix: start the file with version: 1 and name: ..., one key per line
                """);
    }

    @Test
    void a_duplicate_key_is_not_silently_dropped() {
        assertProblems("""
                version: 1
                name: p
                clusters:
                  source: {bootstrap: "a:9092"}
                  target: {bootstrap: "b:9092"}
                topics: {include: ["sfdc\\\\..*"]}
                name: q
                """, """
                plan.yaml:7:1: name: duplicate key "name" (first at line 2)
                  fix: keep one name and remove the other
                """);
    }

    @Test
    void a_plan_name_is_plain() {
        assertProblems("""
                version: 1
                name: "my plan"
                clusters:
                  source: {bootstrap: "a:9092"}
                  target: {bootstrap: "b:9092"}
                topics: {include: ["sfdc\\\\..*"]}
                """, """
                plan.yaml:2:7: name: "my plan" has characters other than letters, digits, . _ -
                  fix: use a plain name, e.g. name: sfdc-cdc-to-new-cluster
                """);
    }

    @Test
    void the_literal_secret_never_appears_in_the_message() {
        InvalidPlanException e = invalid("""
                version: 1
                name: p
                clusters:
                  source:
                    bootstrap: a:9092
                    properties: {ssl.key.password: hunter2, sasl.oauthbearer.client.credentials.client.secret: s3cr3t}
                  target: {bootstrap: "b:9092"}
                topics: {include: [x]}
                """);

        assertThat(e.problems()).hasSize(2);
        assertThat(e.getMessage()).doesNotContain("hunter2").doesNotContain("s3cr3t");
    }

    @Test
    void each_problem_carries_its_parts_separately() {
        InvalidPlanException e = invalid("""
                version: 1
                name: p
                clusters:
                  source: {bootstrap: "a:9092"}
                  target: {bootstrap: "b:9092"}
                topics: {include: [x]}
                gates:
                  in-sync: {max-lag: -1}
                """);

        assertThat(e.problems()).containsExactly(new PlanProblem("plan.yaml", 8, 22, "gates.in-sync.max-lag",
                "\"-1\" is not a record count (must be 0 or more)",
                "set max-lag to a whole number of records, e.g. max-lag: 0"));
    }

    @Test
    void a_missing_file_is_named_without_a_line() {
        Path missing = Path.of("no/such/plan.yaml");

        assertThatThrownBy(() -> PlanParser.parse(missing))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessage("no/such/plan.yaml: no such file\n"
                        + "  fix: check the path; the sandbox example is examples/sandbox.yaml");
    }

    private static void assertProblems(String yaml, String expected) {
        assertThat(invalid(yaml).getMessage() + "\n").isEqualTo(expected);
    }

    private static InvalidPlanException invalid(String yaml) {
        InvalidPlanException e = catchThrowableOfType(InvalidPlanException.class,
                () -> PlanParser.parse(yaml, "plan.yaml"));
        assertThat(e).as("the plan should have been refused").isNotNull();
        return e;
    }
}
