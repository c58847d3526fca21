package io.plk.orchestrator.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CidrTest {
    @Test
    void containsAndOverlaps() {
        Cidr vpc = Cidr.parse("10.0.0.0/16");
        assertTrue(vpc.contains(Cidr.parse("10.0.192.0/18")));
        assertFalse(vpc.contains(Cidr.parse("10.1.0.0/18")));
        assertFalse(Cidr.parse("10.0.0.0/18").contains(vpc));
        assertTrue(Cidr.parse("10.0.0.0/18").overlaps(Cidr.parse("10.0.63.0/24")));
        assertFalse(Cidr.parse("10.0.0.0/18").overlaps(Cidr.parse("10.0.64.0/18")));
        assertTrue(Cidr.parse("0.0.0.0/0").contains(Cidr.parse("255.255.255.255/32")));
        assertEquals("10.0.64.0/18", Cidr.parse(" 10.0.64.0/18").toString());
    }

    @Test
    void rejectsWhatIsNotAnIpv4Cidr() {
        for (String bad : new String[] {"10.0.0.0", "10.0.0/16", "10.0.0.256/24", "10.0.0.0/33", "a.b.c.d/8", ""}) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> Cidr.parse(bad)).getMessage()
                    .contains("is not an IPv4 CIDR"), bad);
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.1/16")).getMessage()
                .contains("the block starts at 10.0.0.0/16"));
    }

    @Test
    void blocksThatTogetherCoverEveryAddress() {
        assertTrue(Cidr.coverEverything(java.util.List.of(Cidr.parse("128.0.0.0/1"), Cidr.parse("0.0.0.0/1"))));
        assertTrue(Cidr.coverEverything(java.util.List.of(Cidr.parse("0.0.0.0/2"), Cidr.parse("64.0.0.0/2"),
                Cidr.parse("10.0.0.0/8"), Cidr.parse("128.0.0.0/1"))));
        assertFalse(Cidr.coverEverything(java.util.List.of(Cidr.parse("0.0.0.0/1"), Cidr.parse("128.0.0.0/2"))));
        assertFalse(Cidr.coverEverything(java.util.List.of(Cidr.parse("0.0.0.0/1"), Cidr.parse("192.0.0.0/2"))));
        assertFalse(Cidr.coverEverything(java.util.List.of()));
    }
}
