package io.plk.orchestrator.aws;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts AWS API calls (not retry attempts) by operation, split into reads (Describe, Get, List)
 * and mutating calls, and remembers the last operation of the current thread for error messages.
 */
public final class ApiCalls implements ExecutionInterceptor {
    private final Map<String, AtomicInteger> byOperation = new ConcurrentHashMap<>();
    private final ThreadLocal<String> lastOperation = new ThreadLocal<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        lastOperation.set(operation);
        byOperation.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
    }

    static boolean isRead(String operation) {
        return operation.startsWith("Describe") || operation.startsWith("Get") || operation.startsWith("List");
    }

    public int reads() {
        return count(true);
    }

    public int mutating() {
        return count(false);
    }

    public int total() {
        return reads() + mutating();
    }

    private int count(boolean reads) {
        return byOperation.entrySet().stream().filter(e -> isRead(e.getKey()) == reads)
                .mapToInt(e -> e.getValue().get()).sum();
    }

    /** Calls per operation name, sorted by name. */
    public Map<String, Integer> byOperation() {
        Map<String, Integer> copy = new TreeMap<>();
        byOperation.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** Mutating calls per operation name, sorted by name. */
    public Map<String, Integer> mutatingByOperation() {
        Map<String, Integer> copy = byOperation();
        copy.keySet().removeIf(ApiCalls::isRead);
        return copy;
    }

    String lastOperation() {
        String operation = lastOperation.get();
        return operation == null ? "AWS call" : operation;
    }

    public void reset() {
        byOperation.clear();
    }

    @Override
    public String toString() {
        return total() + " API calls (" + mutating() + " mutating, " + reads() + " reads)";
    }
}
