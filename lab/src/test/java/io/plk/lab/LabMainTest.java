package io.plk.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Bad arguments exit 2 before any container is touched. */
class LabMainTest {
    @Test
    void withoutACommandItPrintsUsage() {
        assertEquals(2, LabMain.run(new String[0]));
        assertEquals(2, LabMain.run(new String[] {"start"}));
    }

    @Test
    void unknownOrIncompleteOptionsAreRefused() {
        assertEquals(2, LabMain.run(new String[] {"down", "--brokers", "3"}));
        assertEquals(2, LabMain.run(new String[] {"up", "--name"}));
    }

    @Test
    void badValuesAreRefused() {
        assertEquals(2, LabMain.run(new String[] {"up", "--brokers", "three"}));
        assertEquals(2, LabMain.run(new String[] {"up", "--brokers", "12"}));
        assertEquals(2, LabMain.run(new String[] {"up", "--name", "Kafka_Lab"}));
    }
}
