package io.guildflow.devtools.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** bench --find-max exits like a plain run (docs/performance.md): 1 when it has no answer to give. */
class FindMaxExitCodeTest {

    @Test
    void aHighestRateForEveryDeploymentIsAnAnswer() {
        assertEquals(0, Benchmark.findMaxExitCode(rates(244, 595, 476), 0, 0));
    }

    @Test
    void aDeploymentThatSustainedNotEvenTheFirstRateIsNoAnswer() {
        // "2 and 4 workers: first step at 100/s failed … reported 0/s" (docs/performance.md, run FM)
        assertEquals(1, Benchmark.findMaxExitCode(rates(305, 0, 0), 0, 0));
        assertEquals(1, Benchmark.findMaxExitCode(Map.of(), 0, 0), "nothing measured");
    }

    @Test
    void anInteractionAnsweredTwiceFailsTheRunAtAnyRate() {
        assertEquals(1, Benchmark.findMaxExitCode(rates(244, 595, 476), 1, 0));
    }

    /** Too much load may make answers late, never missing: an interaction nobody answered fails the run. */
    @Test
    void anInteractionNeverAnsweredFailsTheRunAtAnyRate() {
        assertEquals(1, Benchmark.findMaxExitCode(rates(244, 595, 476), 0, 1));
    }

    private static Map<String, Double> rates(double one, double two, double four) {
        Map<String, Double> rates = new LinkedHashMap<>();
        rates.put("1 worker(s)", one);
        rates.put("2 worker(s)", two);
        rates.put("4 worker(s)", four);
        return rates;
    }
}
