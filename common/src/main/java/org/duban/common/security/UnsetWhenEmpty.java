package org.duban.common.security;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;

import java.util.Set;

/**
 * An empty deployment variable of the transport-security settings counts as unset, so its default
 * applies. Without this, {@code DUBAN_KAFKA_SECURITY_PROTOCOL=} (what a Compose file's
 * {@code ${VAR:-}} or a Kubernetes {@code value: ""} gives) would expand {@code ${…:PLAINTEXT}} to ""
 * — a protocol no Kafka client accepts — and {@code DUBAN_SWAGGER_UI_ENABLED=} would fall through to
 * Swagger UI's own default, on. Registered through META-INF/services; it runs below the expression
 * interceptor (a lower priority), so it sees the lookups an expression makes.
 */
@Priority(Priorities.LIBRARY + 100)
public class UnsetWhenEmpty implements ConfigSourceInterceptor {

    static final Set<String> NAMES = Set.of(
            "duban.kafka.security-protocol", "duban.kafka.sasl-mechanism", "duban.kafka.sasl-jaas-config",
            "duban.kafka.ssl-truststore-location", "duban.kafka.ssl-truststore-type",
            "duban.db.sslmode", "duban.db.sslrootcert", "duban.swagger-ui.enabled");

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        if (value != null && NAMES.contains(name) && (value.getValue() == null || value.getValue().isBlank())) {
            return null;
        }
        return value;
    }
}
