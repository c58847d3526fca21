package io.plk.orchestrator.aws;

/** An IPv4 CIDR block, e.g. {@code 10.0.0.0/16}. */
public record Cidr(long network, int prefix) {
    static final String ANYWHERE = "0.0.0.0/0";

    /** Parses {@code a.b.c.d/n}; the address must be the network address (no host bits set). */
    public static Cidr parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("/", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 CIDR like 10.0.0.0/16");
        }
        String[] octets = parts[0].split("\\.", -1);
        if (octets.length != 4) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 CIDR like 10.0.0.0/16");
        }
        long address = 0;
        try {
            for (String octet : octets) {
                int value = Integer.parseInt(octet);
                if (value < 0 || value > 255) {
                    throw new NumberFormatException();
                }
                address = address << 8 | value;
            }
            int prefix = Integer.parseInt(parts[1]);
            if (prefix < 0 || prefix > 32) {
                throw new NumberFormatException();
            }
            Cidr cidr = new Cidr(address, prefix);
            if ((address & ~cidr.mask()) != 0) {
                throw new IllegalArgumentException("'" + text + "' has host bits set; the block starts at "
                        + cidr.format(address & cidr.mask()) + "/" + prefix);
            }
            return cidr;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 CIDR like 10.0.0.0/16");
        }
    }

    private long mask() {
        return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    private long last() {
        return network | (~mask() & 0xFFFFFFFFL);
    }

    public boolean contains(Cidr other) {
        return other.prefix >= prefix && other.network >= network && other.last() <= last();
    }

    public boolean overlaps(Cidr other) {
        return network <= other.last() && other.network <= last();
    }

    /** Whether the blocks together cover every IPv4 address, e.g. 0.0.0.0/1 with 128.0.0.0/1. */
    public static boolean coverEverything(java.util.Collection<Cidr> blocks) {
        long next = 0;
        for (Cidr c : blocks.stream().sorted(java.util.Comparator.comparingLong(Cidr::network)).toList()) {
            if (c.network > next) {
                return false;
            }
            next = Math.max(next, c.last() + 1);
        }
        return next > 0xFFFFFFFFL;
    }

    private String format(long address) {
        return (address >> 24 & 255) + "." + (address >> 16 & 255) + "." + (address >> 8 & 255) + "." + (address & 255);
    }

    @Override
    public String toString() {
        return format(network) + "/" + prefix;
    }
}
