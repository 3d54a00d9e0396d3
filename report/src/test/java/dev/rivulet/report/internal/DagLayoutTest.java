package dev.rivulet.report.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Layers by longest path, rows by barycentre: edges go right, chains lie on one row, cycles do not stop the layout. */
class DagLayoutTest {

    @Test
    void eachNodeIsOneLayerRightOfItsRightmostUpstreamNode() {
        // 0 -> 1 -> 2, and 0 -> 2 directly: 2 is after 1, not beside it
        DagLayout layout = DagLayout.of(3, new int[] {0, 1, 0}, new int[] {1, 2, 2});
        assertThat(new int[] {layout.layer(0), layout.layer(1), layout.layer(2)}).containsExactly(0, 1, 2);
        assertThat(layout.layers()).isEqualTo(3);
    }

    @Test
    void aChainLiesOnOneRowAndCrossingsAreUndone() {
        // made in the order a0, a1, b1, b0: b1 comes first in its layer, but its upstream a1 is second
        int a0 = 0;
        int a1 = 1;
        int b1 = 2;
        int b0 = 3;
        DagLayout layout = DagLayout.of(4, new int[] {a0, a1}, new int[] {b0, b1});
        assertThat(layout.slot(b0)).isEqualTo(layout.slot(a0));
        assertThat(layout.slot(b1)).isEqualTo(layout.slot(a1));
        assertThat(layout.slot(a0)).isLessThan(layout.slot(a1));
        assertThat(layout.slots()).isEqualTo(2);
    }

    @Test
    void nodesWithoutEdgesKeepTheirOrderInTheFirstLayer() {
        DagLayout layout = DagLayout.of(3, new int[0], new int[0]);
        assertThat(new int[] {layout.slot(0), layout.slot(1), layout.slot(2)}).containsExactly(0, 1, 2);
        assertThat(layout.layers()).isEqualTo(1);
    }

    @Test
    void aCycleIsLaidOutAllTheSameWithNoTwoNodesInOnePlace() {
        // 0 -> 1 -> 2 -> 1, and 3 alone
        DagLayout layout = DagLayout.of(4, new int[] {0, 1, 2}, new int[] {1, 2, 1});
        Set<String> places = new HashSet<>();
        for (int node = 0; node < 4; node++) {
            assertThat(layout.layer(node)).isBetween(0, 3);
            assertThat(places.add(layout.layer(node) + ":" + layout.slot(node))).as("node %d's place", node).isTrue();
        }
        assertThat(layout.layer(1)).isGreaterThan(layout.layer(0));
    }

    @Test
    void anEmptyGraphHasNoLayers() {
        DagLayout layout = DagLayout.of(0, new int[0], new int[0]);
        assertThat(layout.layers()).isZero();
        assertThat(layout.slots()).isZero();
    }

    @Test
    void edgesWithoutBothEndsAreRefused() {
        assertThatThrownBy(() -> DagLayout.of(2, new int[] {0, 1}, new int[] {1})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 starts, 1 ends");
    }

    @Test
    void tenThousandNodesAreLaidOutInMilliseconds() {
        int chains = 2_500;
        int[] from = new int[chains * 3];
        int[] to = new int[chains * 3];
        for (int c = 0; c < chains; c++) {
            for (int step = 0; step < 3; step++) {
                // nodes made layer by layer: every chain's first node, then every chain's second...
                from[c * 3 + step] = step * chains + c;
                to[c * 3 + step] = (step + 1) * chains + (chains - 1 - c) % chains;
            }
        }
        long start = System.nanoTime();
        DagLayout layout = DagLayout.of(chains * 4, from, to);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(layout.layers()).isEqualTo(4);
        assertThat(layout.slots()).isEqualTo(chains);
        assertThat(millis).as("layout time, ms").isLessThan(2_000);
    }
}
