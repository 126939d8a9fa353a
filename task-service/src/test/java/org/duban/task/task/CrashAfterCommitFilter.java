package org.duban.task.task;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Test only: a request carrying {@link #HEADER} fails in the response filters, after the resource
 * returned and its transaction committed, and before any later filter ran, as a process killed at
 * that moment would (response filters run in descending priority, so this one comes first).
 */
public class CrashAfterCommitFilter {

    static final String HEADER = "X-Test-Crash-After-Commit";
    private static final String CRASHED = CrashAfterCommitFilter.class.getName();

    @ServerResponseFilter(priority = Priorities.USER + 500)
    public void crash(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getHeaderString(HEADER) != null && request.getProperty(CRASHED) == null) {
            request.setProperty(CRASHED, true);
            throw new IllegalStateException("simulated crash after the commit");
        }
    }
}
