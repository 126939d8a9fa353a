package org.duban.common.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.duban.common.problem.ProblemException;
import org.duban.common.problem.ProblemType;

import java.util.Collection;

/**
 * Object-level authorization: after {@code @RolesAllowed} let a role in, the service asks here
 * whether the caller may read or act for the unit that owns the object (an assignment, an inbox,
 * a webhook…). A refusal is a 403 problem ({@link ProblemType#FORBIDDEN}) naming what was refused,
 * never the caller's token.
 */
@ApplicationScoped
public class Access {

    @Inject
    CurrentCaller callers;

    public Caller caller() {
        return callers.get();
    }

    /** The caller may act for {@code unitCode}, or a 403 saying {@code what} is not theirs. */
    public void requireActFor(String unitCode, String what) {
        if (!caller().mayActFor(unitCode)) {
            throw forbidden(what + " belongs to a unit your token does not act for");
        }
    }

    /** The caller may act for every unit in {@code unitCodes}. */
    public void requireActForAll(Collection<String> unitCodes, String what) {
        Caller c = caller();
        for (String code : unitCodes) {
            if (!c.mayActFor(code)) {
                throw forbidden(what + " names unit " + code + ", which your token does not act for");
            }
        }
    }

    /** The caller may read {@code unitCode}'s data. */
    public void requireRead(String unitCode, String what) {
        if (!caller().mayRead(unitCode)) {
            throw forbidden(what + " belongs to a unit your token may not read");
        }
    }

    /** The caller may read the data of at least one of {@code unitCodes} (e.g. a task it is part of). */
    public void requireReadAny(Collection<String> unitCodes, String what) {
        Caller c = caller();
        if (c.seesAllUnits()) {
            return;
        }
        for (String code : unitCodes) {
            if (c.mayRead(code)) {
                return;
            }
        }
        throw forbidden(what + " does not involve a unit your token may read");
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(ProblemType.FORBIDDEN, detail);
    }
}
