package org.duban.testsupport.contract;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request of a contract test, as its entry declares it: the operation (method and OpenAPI
 * path template), the values of its path parameters, its query, headers and body. {@code T} is
 * the entry's own type, so the setters chain.
 */
abstract class RequestTemplate<T extends RequestTemplate<T>> {

    final String method;
    final String path;
    final Map<String, String> pathParams = new LinkedHashMap<>();
    final Map<String, String> query = new LinkedHashMap<>();
    final Map<String, String> headers = new LinkedHashMap<>();
    String contentType;
    byte[] body;

    RequestTemplate(String method, String path) {
        this.method = method.toUpperCase();
        this.path = path;
    }

    abstract T self();

    /** The value of the path parameter {name}. */
    public T path(String name, Object value) {
        pathParams.put(name, String.valueOf(value));
        return self();
    }

    public T query(String name, Object value) {
        query.put(name, String.valueOf(value));
        return self();
    }

    public T header(String name, String value) {
        headers.put(name, value);
        return self();
    }

    public T body(String contentType, byte[] body) {
        this.contentType = contentType;
        this.body = body;
        return self();
    }

    /** "METHOD /path" as the OpenAPI document names the operation. */
    String operation() {
        return method + " " + path;
    }
}
