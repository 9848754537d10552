package org.civicdesk.platform;

/** The request collides with the current state of a record, e.g. an approval already decided (409). */
public class Conflict extends RuntimeException {

    private final String code;

    public Conflict(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
