package org.duban.notification.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tests' DNS: names under {@code .duban.test} answer what a test scripted — the n-th lookup
 * the n-th answer, the last one from then on (a name that rebinds) — every other name goes to the
 * system resolver. Counts the lookups of each name.
 */
public class ScriptedResolver extends WebhookResolver {

    private final Map<String, List<String>> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> lookups = new ConcurrentHashMap<>();

    /**
     * {@code host} answers {@code ips[0]} at its first lookup, {@code ips[1]} at the second … (empty:
     * does not resolve); an answer may hold several addresses, comma-separated.
     */
    public ScriptedResolver script(String host, String... ips) {
        answers.put(host, List.of(ips));
        lookups.put(host, new AtomicInteger());
        return this;
    }

    public int lookups(String host) {
        AtomicInteger n = lookups.get(host);
        return n == null ? 0 : n.get();
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        List<String> script = answers.get(host);
        if (script == null) {
            if (host.endsWith(".duban.test")) {
                throw new UnknownHostException(host);
            }
            return super.resolve(host);
        }
        int n = lookups.get(host).getAndIncrement();
        if (script.isEmpty()) {
            throw new UnknownHostException(host);
        }
        String[] ips = script.get(Math.min(n, script.size() - 1)).split(",");
        InetAddress[] out = new InetAddress[ips.length];
        for (int i = 0; i < ips.length; i++) {
            out[i] = InetAddress.getByName(ips[i]);
        }
        return out;
    }
}
