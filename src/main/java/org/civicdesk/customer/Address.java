package org.civicdesk.customer;

/** A postal address (mailing address of a customer or an account). */
public record Address(String line1, String line2, String city, String state, String zip) {

    public boolean isBlank() {
        return (line1 == null || line1.isBlank()) && (city == null || city.isBlank()) && (zip == null || zip.isBlank());
    }

    /** One line for people. */
    public String oneLine() {
        StringBuilder s = new StringBuilder(line1 == null ? "" : line1);
        if (line2 != null && !line2.isBlank()) {
            s.append(", ").append(line2);
        }
        return s.append(", ").append(city).append(", ").append(state).append(' ').append(zip).toString();
    }
}
