package com.example.checkout.benchmark;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EffectsTests {

    private final UUID first = UUID.randomUUID();
    private final UUID second = UUID.randomUUID();
    private final UUID third = UUID.randomUUID();

    @Test
    void theBacklogIsTheMostEventsCommittedAndNotYetHandledAtOnce() {
        // given three commits at 0, 10 and 20 µs; the first handled at 25, the others at 30 and 40
        Map<UUID, Long> committed = Map.of(first, 0L, second, 10L, third, 20L);
        Map<UUID, Long> handled = Map.of(first, 25L, second, 30L, third, 40L);

        // when
        Effects.Delays delays = Effects.delays(committed, handled);

        // then all three were waiting between 20 and 25 µs
        assertThat(delays.maxBacklog()).isEqualTo(3);
        assertThat(delays.missing()).isZero();
        assertThat(delays.delays().getTotalCount()).isEqualTo(3);
        assertThat(delays.delays().getMaxValue()).isEqualTo(25);
    }

    @Test
    void anEventHandledBeforeTheNextCommitNeverOverlapsIt() {
        // given each event handled at the very microsecond the next one commits
        Map<UUID, Long> committed = Map.of(first, 0L, second, 10L);
        Map<UUID, Long> handled = Map.of(first, 10L, second, 20L);

        // when
        Effects.Delays delays = Effects.delays(committed, handled);

        // then
        assertThat(delays.maxBacklog()).isEqualTo(1);
    }

    @Test
    void anEventWithoutEffectIsMissingAndStaysInTheBacklog() {
        // given
        Map<UUID, Long> committed = Map.of(first, 0L, second, 10L);
        Map<UUID, Long> handled = Map.of(first, 5L);

        // when
        Effects.Delays delays = Effects.delays(committed, handled);

        // then
        assertThat(delays.missing()).isEqualTo(1);
        assertThat(delays.maxBacklog()).isEqualTo(1);
    }
}
