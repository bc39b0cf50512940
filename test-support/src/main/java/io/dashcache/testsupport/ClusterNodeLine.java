package io.dashcache.testsupport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One line of {@code CLUSTER NODES}: how one node sees another (or itself).
 *
 * <pre>{@code
 * List<ClusterNodeLine> view = ClusterNodeLine.parse(jedis.clusterNodes());
 * view.stream().filter(ClusterNodeLine::isPrimary).filter(n -> n.owns(slot)) ...
 * }</pre>
 *
 * @param primaryId the id of the node it replicates, {@code "-"} for a primary (as Redis writes it)
 */
record ClusterNodeLine(String id, int port, Set<String> flags, String primaryId, List<SlotRange> slots) {

    static final int SLOTS = 16384;

    /** Slots {@code first} to {@code last}, both included. */
    record SlotRange(int first, int last) {

        static SlotRange parse(String text) {
            int dash = text.indexOf('-');
            return dash < 0 ? new SlotRange(Integer.parseInt(text), Integer.parseInt(text))
                    : new SlotRange(Integer.parseInt(text.substring(0, dash)), Integer.parseInt(text.substring(dash + 1)));
        }

        int size() {
            return last - first + 1;
        }

        @Override
        public String toString() {
            return first == last ? Integer.toString(first) : first + "-" + last;
        }
    }

    static List<ClusterNodeLine> parse(String clusterNodes) {
        return clusterNodes.lines().filter(line -> !line.isBlank()).map(ClusterNodeLine::parseLine).toList();
    }

    // <id> <ip:port@cport[,hostname]> <flags> <primary> <ping-sent> <pong-recv> <config-epoch> <link> <slot>...
    private static ClusterNodeLine parseLine(String line) {
        String[] fields = line.trim().split(" ");
        String address = fields[1];
        int end = address.indexOf('@') < 0 ? address.length() : address.indexOf('@');
        int port = Integer.parseInt(address.substring(address.lastIndexOf(':', end) + 1, end));
        List<SlotRange> slots = new ArrayList<>();
        for (String slot : Arrays.copyOfRange(fields, 8, fields.length)) {
            if (!slot.startsWith("[")) { // [slot->-id] and [slot-<-id]: a migration in progress, not ownership
                slots.add(SlotRange.parse(slot));
            }
        }
        return new ClusterNodeLine(fields[0], port, Set.of(fields[2].split(",")), fields[3], List.copyOf(slots));
    }

    boolean isPrimary() {
        return flags.contains("master");
    }

    boolean isReplica() {
        return flags.contains("slave");
    }

    /** Failed, suspected, without address or not yet met: not a node to count on. */
    boolean isFailing() {
        return flags.contains("fail") || flags.contains("fail?") || flags.contains("noaddr")
                || flags.contains("handshake");
    }

    boolean owns(int slot) {
        return slots.stream().anyMatch(range -> range.first() <= slot && slot <= range.last());
    }

    int slotCount() {
        return slots.stream().mapToInt(SlotRange::size).sum();
    }

    /** What every node must see alike for the topology to be settled: who it is, its role, primary and slots. */
    String topology() {
        return id + " :" + port + (isPrimary() ? " primary " : " replica of ") + primaryId + " " + slots;
    }
}
