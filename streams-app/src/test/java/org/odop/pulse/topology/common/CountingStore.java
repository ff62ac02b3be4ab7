package org.odop.pulse.topology.common;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A key-value store that counts what is read from it: point reads, range or full scans opened, and entries
 * taken from those scans. Tests use it to assert the work a punctuation does rather than its time.
 */
public final class CountingStore {
    private static final Set<String> SCANS = Set.of("all", "range", "reverseAll", "reverseRange", "prefixScan");

    public long gets;
    public long scans;
    public long fullScans;
    public long entriesRead;

    public void reset() {
        gets = scans = fullScans = entriesRead = 0;
    }

    /** {@code store}, counting into this. */
    @SuppressWarnings("unchecked")
    public <K, V> KeyValueStore<K, V> wrap(KeyValueStore<K, V> store) {
        return (KeyValueStore<K, V>) Proxy.newProxyInstance(KeyValueStore.class.getClassLoader(),
                new Class<?>[] {KeyValueStore.class}, countingCalls(store));
    }

    private InvocationHandler countingCalls(Object target) {
        return (proxy, method, args) -> {
            String name = method.getName();
            if (name.equals("get")) gets++;
            if (name.equals("all") || name.equals("reverseAll")) fullScans++;
            Object result = invoke(target, method, args);
            if (SCANS.contains(name)) {
                scans++;
                return Proxy.newProxyInstance(KeyValueIterator.class.getClassLoader(),
                        new Class<?>[] {KeyValueIterator.class}, countingNext(result));
            }
            return result;
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private InvocationHandler countingNext(Object iterator) {
        return (proxy, method, args) -> {
            if (method.getName().equals("forEachRemaining")) { // a default method: the target's would not pass by next() here
                KeyValueIterator it = (KeyValueIterator) iterator;
                Consumer action = (Consumer) args[0];
                while (it.hasNext()) {
                    entriesRead++;
                    action.accept(it.next());
                }
                return null;
            }
            if (method.getName().equals("next")) entriesRead++;
            return invoke(iterator, method, args);
        };
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public String toString() {
        return "gets=" + gets + " scans=" + scans + " fullScans=" + fullScans + " entriesRead=" + entriesRead;
    }
}
