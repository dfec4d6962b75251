package dev.cutover.plans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The helpers the parser leans on: durations, key suggestions, gate names, secret keys. */
class SmallPartsTest {

    @Test
    void durations_need_a_unit() {
        assertThat(Durations.parse("500ms")).contains(Duration.ofMillis(500));
        assertThat(Durations.parse("5s")).contains(Duration.ofSeconds(5));
        assertThat(Durations.parse("15m")).contains(Duration.ofMinutes(15));
        assertThat(Durations.parse("1h")).contains(Duration.ofHours(1));
        assertThat(Durations.parse("15")).isEmpty();
        assertThat(Durations.parse("1.5m")).isEmpty();
        assertThat(Durations.parse("-5s")).isEmpty();
        assertThat(Durations.format(Duration.ofSeconds(120))).isEqualTo("2m");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    }

    @Test
    void suggestions_cover_typos_swaps_and_other_conventions() {
        List<String> keys = List.of("version", "name", "clusters", "topics", "groups");
        assertThat(KeySuggester.suggest("tpoics", keys)).contains("topics");
        assertThat(KeySuggester.suggest("clusers", keys)).contains("clusters");
        assertThat(KeySuggester.suggest("replication", keys)).isEmpty();
        assertThat(KeySuggester.suggest("max_lag", List.of("max-lag", "timeout"))).contains("max-lag");
        assertThat(KeySuggester.suggest("replayHeader", List.of("name", "replay-header"))).contains("replay-header");
    }

    @Test
    void gate_names_run_in_contract_order_and_parse_from_labels() {
        assertThat(List.of(GateName.values())).extracting(GateName::label).containsExactly(
                "preflight", "topics", "mirror", "in-sync", "switch-producers", "move-consumers", "observe", "finalize");
        assertThat(GateName.fromLabel("in-sync")).isEqualTo(GateName.IN_SYNC);
        assertThatThrownBy(() -> GateName.fromLabel("insync"))
                .hasMessageContaining("unknown gate \"insync\"")
                .hasMessageContaining("preflight, topics, mirror, in-sync");
    }

    @Test
    void secret_keys_are_recognised_but_locations_and_endpoints_are_not() {
        assertThat(SecretKeys.looksSecret("sasl.jaas.config")).isTrue();
        assertThat(SecretKeys.looksSecret("ssl.key.password")).isTrue();
        assertThat(SecretKeys.looksSecret("ssl.keystore.key")).isTrue();
        assertThat(SecretKeys.looksSecret("sasl.oauthbearer.client.credentials.client.secret")).isTrue();
        assertThat(SecretKeys.looksSecret("ssl.keystore.location")).isFalse();
        assertThat(SecretKeys.looksSecret("ssl.keystore.type")).isFalse();
        assertThat(SecretKeys.looksSecret("sasl.oauthbearer.token.endpoint.url")).isFalse();
        assertThat(SecretKeys.looksSecret("security.protocol")).isFalse();
    }
}
