package org.civicdesk.platform;

/** A record named in a request does not exist (404 in the API). */
public class RecordNotFound extends RuntimeException {

    private final String field;

    public RecordNotFound(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
