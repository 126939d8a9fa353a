package org.duban.notification.template;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The zh-CN wording of every notification, from Qute templates under src/main/resources/templates:
 * {@code notifications/<template>.txt} (named by the routing table) (first line the title, the rest the inbox sentence),
 * {@code email/notification.txt} (an immediate e-mail) and {@code email/digest.txt} (the daily digest).
 */
@ApplicationScoped
public class NotificationTemplates {

    public record Text(String title, String body) {
    }

    @Inject
    Engine engine;

    /** The templates by name, found or not: the consumer asks twice per unit told. */
    private final Map<String, Optional<Template>> chosen = new ConcurrentHashMap<>();

    /** Whether {@code templates/notifications/<name>.txt} exists (the routing table names it). */
    public boolean has(String name) {
        return template(name) != null;
    }

    /** The title and inbox sentence of a notification; the model's keys are listed in docs/api-guide.md. */
    public Text notification(String name, Map<String, Object> model) {
        Template t = template(name);
        if (t == null) {
            throw new IllegalArgumentException("no template notifications/" + name);
        }
        String text = t.data(model).render().strip();
        int nl = text.indexOf('\n');
        return nl < 0 ? new Text(text, "") : new Text(text.substring(0, nl).strip(), text.substring(nl + 1).strip());
    }

    /** The plain-text body of an immediate e-mail. */
    public String email(Map<String, Object> model) {
        return engine.getTemplate("email/notification").data(model).render().strip() + "\n";
    }

    /** The plain-text body of a unit's digest of {@code items} (each a map with title, body, link, createdAt). */
    public String digest(String unitName, String date, List<Map<String, Object>> items) {
        return engine.getTemplate("email/digest").data("unitName", unitName).data("date", date)
                .data("items", items).data("count", items.size()).render().strip() + "\n";
    }

    private Template template(String name) {
        return chosen.computeIfAbsent(name, k -> Optional.ofNullable(engine.getTemplate("notifications/" + k)))
                .orElse(null);
    }
}
