package io.plk.orchestrator.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HostAddressTest {

    @Test
    void knownHostsNameUsesBracketsOnlyOffPort22() {
        assertEquals("10.0.1.5", HostAddress.of("10.0.1.5").knownHostsName());
        assertEquals("[10.0.1.5]:2222", new HostAddress("10.0.1.5", 2222).knownHostsName());
    }

    @Test
    void strictHostKeyCheckingParsesOpenSshSpelling() {
        assertEquals(StrictHostKeyChecking.YES, StrictHostKeyChecking.parse("yes"));
        assertEquals(StrictHostKeyChecking.ACCEPT_NEW, StrictHostKeyChecking.parse("Accept-New"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> StrictHostKeyChecking.parse("no"));
        assertEquals("strictHostKeyChecking must be 'yes' or 'accept-new', got 'no'", bad.getMessage());
    }

    @Test
    void shellQuotingSurvivesSingleQuotes() {
        assertEquals("'it'\\''s here'", Shell.quote("it's here"));
    }
}
