package dev.rivulet.report.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Where each node of a run's dependency graph is drawn: a column (its layer) and a row (its slot),
 * upstream runs to the left of the runs that depended on them.
 *
 * <p>Layers are longest paths from the sources, so that every edge goes right. Within a layer,
 * nodes start in their given order (the order the runs were made) and are reordered by a few
 * barycentre sweeps, down and up, which puts each node near the mean position of its neighbours
 * and so removes most crossings. Slots then place each node at the mean slot of its upstream runs,
 * or below the node before it in its layer: a chain of runs lies on one row. Linear in the nodes
 * and edges per sweep, plus a sort of each layer: a graph of 10,000 runs is laid out in milliseconds.
 *
 * <p>A cycle, which a run's graph does not have, does not stop the layout: its nodes are placed
 * after their other upstream runs, and the edge that closes it goes left.
 */
final class DagLayout {

    private static final int SWEEPS = 4;

    private final int[] layer;
    private final int[] slot;
    private final int layers;
    private final int slots;

    private DagLayout(int[] layer, int[] slot) {
        this.layer = layer;
        this.slot = slot;
        this.layers = Arrays.stream(layer).max().orElse(-1) + 1;
        this.slots = Arrays.stream(slot).max().orElse(-1) + 1;
    }

    /**
     * Lays out a graph of {@code nodes} nodes, numbered from 0 in the order they should appear when
     * nothing else decides, with edges {@code from[i] -> to[i]}.
     */
    static DagLayout of(int nodes, int[] from, int[] to) {
        if (from.length != to.length) {
            throw new IllegalArgumentException("edges need a start and an end each: " + from.length + " starts, " + to.length + " ends");
        }
        Adjacency downstream = Adjacency.of(nodes, from, to);
        Adjacency upstream = Adjacency.of(nodes, to, from);
        int[] layer = longestPathLayers(nodes, downstream, upstream);
        List<int[]> byLayer = orderWithinLayers(nodes, layer, upstream, downstream);
        return new DagLayout(layer, slots(nodes, byLayer, upstream));
    }

    int layer(int node) {
        return layer[node];
    }

    int slot(int node) {
        return slot[node];
    }

    /** {@return how many columns the graph takes} */
    int layers() {
        return layers;
    }

    /** {@return how many rows the graph takes} */
    int slots() {
        return slots;
    }

    /** Kahn's topological order, each node one layer right of its rightmost upstream node. */
    private static int[] longestPathLayers(int nodes, Adjacency downstream, Adjacency upstream) {
        int[] layer = new int[nodes];
        int[] waitingFor = new int[nodes];
        int[] queue = new int[nodes];
        int head = 0;
        int tail = 0;
        for (int node = 0; node < nodes; node++) {
            waitingFor[node] = upstream.degree(node);
            if (waitingFor[node] == 0) {
                queue[tail++] = node;
            }
        }
        boolean[] placed = new boolean[nodes];
        int next = 0;
        while (tail < nodes) {
            while (head < tail) {
                int node = queue[head++];
                placed[node] = true;
                for (int e = downstream.start(node); e < downstream.end(node); e++) {
                    int child = downstream.target(e);
                    if (waitingFor[child] <= 0) {
                        continue;  // released to break a cycle, and placed already: this edge goes left
                    }
                    layer[child] = Math.max(layer[child], layer[node] + 1);
                    if (--waitingFor[child] == 0) {
                        queue[tail++] = child;
                    }
                }
            }
            // Only a cycle leaves nodes waiting: release the first of them, after the upstreams placed so far.
            while (tail < nodes && next < nodes && (placed[next] || waitingFor[next] == 0)) {
                next++;
            }
            if (tail < nodes) {
                waitingFor[next] = 0;
                queue[tail++] = next;
            }
        }
        return layer;
    }

    /** The nodes of each layer, in their order after the barycentre sweeps. */
    private static List<int[]> orderWithinLayers(int nodes, int[] layer, Adjacency upstream, Adjacency downstream) {
        int layers = Arrays.stream(layer).max().orElse(-1) + 1;
        int[] sizes = new int[layers];
        for (int node = 0; node < nodes; node++) {
            sizes[layer[node]]++;
        }
        List<int[]> byLayer = new ArrayList<>(layers);
        for (int size : sizes) {
            byLayer.add(new int[size]);
        }
        int[] filled = new int[layers];
        int[] position = new int[nodes];
        for (int node = 0; node < nodes; node++) {
            position[node] = filled[layer[node]];
            byLayer.get(layer[node])[filled[layer[node]]++] = node;
        }
        double[] key = new double[nodes];
        for (int sweep = 0; sweep < SWEEPS; sweep++) {
            boolean down = sweep % 2 == 0;
            for (int i = 0; i < layers; i++) {
                int l = down ? i : layers - 1 - i;
                sortByBarycentre(byLayer.get(l), down ? upstream : downstream, position, key);
            }
        }
        return byLayer;
    }

    private static void sortByBarycentre(int[] members, Adjacency neighbours, int[] position, double[] key) {
        for (int node : members) {
            int degree = neighbours.degree(node);
            if (degree == 0) {
                key[node] = position[node];
            } else {
                long sum = 0;
                for (int e = neighbours.start(node); e < neighbours.end(node); e++) {
                    sum += position[neighbours.target(e)];
                }
                key[node] = (double) sum / degree;
            }
        }
        Integer[] sorted = new Integer[members.length];
        for (int i = 0; i < members.length; i++) {
            sorted[i] = members[i];
        }
        Arrays.sort(sorted, Comparator.<Integer>comparingDouble(node -> key[node]).thenComparingInt(node -> position[node]));
        for (int i = 0; i < sorted.length; i++) {
            members[i] = sorted[i];
            position[sorted[i]] = i;
        }
    }

    /** Each node at the mean slot of its upstream nodes placed already, or just below the node above it. */
    private static int[] slots(int nodes, List<int[]> byLayer, Adjacency upstream) {
        int[] slot = new int[nodes];
        boolean[] placed = new boolean[nodes];
        for (int[] members : byLayer) {
            int previous = -1;
            for (int node : members) {
                long sum = 0;
                int count = 0;
                for (int e = upstream.start(node); e < upstream.end(node); e++) {
                    int parent = upstream.target(e);
                    if (placed[parent]) {
                        sum += slot[parent];
                        count++;
                    }
                }
                int wanted = count == 0 ? previous + 1 : (int) Math.round((double) sum / count);
                slot[node] = Math.max(previous + 1, wanted);
                previous = slot[node];
            }
            for (int node : members) {
                placed[node] = true;
            }
        }
        return slot;
    }

    /** Edges grouped by their first end (compressed sparse rows): the neighbours of a node are {@code target(start(n) .. end(n)-1)}. */
    private record Adjacency(int[] offsets, int[] targets) {

        static Adjacency of(int nodes, int[] from, int[] to) {
            int[] offsets = new int[nodes + 1];
            for (int f : from) {
                offsets[f + 1]++;
            }
            for (int i = 0; i < nodes; i++) {
                offsets[i + 1] += offsets[i];
            }
            int[] next = Arrays.copyOf(offsets, nodes);
            int[] targets = new int[from.length];
            for (int e = 0; e < from.length; e++) {
                targets[next[from[e]]++] = to[e];
            }
            return new Adjacency(offsets, targets);
        }

        int start(int node) {
            return offsets[node];
        }

        int end(int node) {
            return offsets[node + 1];
        }

        int degree(int node) {
            return offsets[node + 1] - offsets[node];
        }

        int target(int edge) {
            return targets[edge];
        }
    }
}
