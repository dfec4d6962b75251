package dev.cutover.engine.connect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectVersionTest {

    @Test
    void apacheKafkaVersionsAreComparedByMajorAndMinor() {
        assertThat(ConnectVersion.parse("4.3.1").atLeast(3, 6)).isTrue();
        assertThat(ConnectVersion.parse("3.6.0").atLeast(3, 6)).isTrue();
        assertThat(ConnectVersion.parse("3.5.2").atLeast(3, 6)).isFalse();
        assertThat(ConnectVersion.parse("3.10.0-SNAPSHOT").atLeast(3, 7)).isTrue();
    }

    @Test
    void confluentPlatformVersionsAreMappedToTheApacheKafkaTheyShip() {
        assertThat(ConnectVersion.parse("7.6.0-ccs").atLeast(3, 6)).isTrue();
        assertThat(ConnectVersion.parse("7.5.3-ce").atLeast(3, 6)).isFalse();
        assertThat(ConnectVersion.parse("8.0.0-ccs").atLeast(3, 7)).isTrue();
    }

    @Test
    void somethingThatIsNotAVersionIsNoVersion() {
        assertThat(ConnectVersion.parse("unknown")).isNull();
        assertThat(ConnectVersion.parse(null)).isNull();
    }
}
