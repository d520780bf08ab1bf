package cyberdb.net.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** The client addresses a server admits, as CIDR ranges of IPv4 or IPv6 addresses. */
public final class Allowlist {

    private record Range(byte[] network, int prefix, String text) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest);
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    /** Loopback only: the safe default. */
    public static final List<String> LOOPBACK = List.of("127.0.0.0/8", "::1/128");

    private final List<Range> ranges;

    private Allowlist(List<Range> ranges) {
        this.ranges = ranges;
    }

    /**
     * Parses ranges such as {@code 10.0.0.0/8}, {@code 192.168.1.7} or {@code fd00::/8}.
     *
     * @param cidrs the ranges
     * @return the allowlist
     * @throws IllegalArgumentException naming the first range that is not valid
     */
    public static Allowlist of(List<String> cidrs) {
        return new Allowlist(cidrs.stream().map(Allowlist::parse).toList());
    }

    private static Range parse(String cidr) {
        String text = cidr.strip();
        int slash = text.indexOf('/');
        String host = slash < 0 ? text : text.substring(0, slash);
        if (!host.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("Allowlist entry '" + cidr + "' is not an IP address or CIDR range"
                    + " (host names are not allowed)");
        }
        byte[] network;
        try {
            network = InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Allowlist entry '" + cidr + "' is not an IP address", e);
        }
        int prefix = network.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Allowlist entry '" + cidr + "' has no valid prefix length", e);
            }
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("Allowlist entry '" + cidr + "': prefix must be 0 to " + network.length * 8);
            }
        }
        return new Range(network, prefix, text);
    }

    /**
     * Checks an address.
     *
     * @param address a client's address
     * @return whether some range contains it
     */
    public boolean admits(InetAddress address) {
        byte[] bytes = address.getAddress();
        return ranges.stream().anyMatch(range -> range.contains(bytes));
    }

    @Override
    public String toString() {
        return ranges.stream().map(Range::text).toList().toString();
    }
}
