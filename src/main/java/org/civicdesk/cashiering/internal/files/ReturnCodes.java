package org.civicdesk.cashiering.internal.files;

/** The words for the NACHA return reason codes the city meets (city-profile.md). */
final class ReturnCodes {

    private ReturnCodes() {
    }

    static String describe(String code) {
        return switch (code) {
            case "R01" -> "insufficient funds";
            case "R02" -> "account closed";
            case "R03" -> "no account / unable to locate account";
            case "R04" -> "invalid account number";
            case "R07" -> "authorization revoked by customer";
            case "R08" -> "payment stopped";
            case "R09" -> "uncollected funds";
            case "R10" -> "customer advises not authorized";
            case "R29" -> "corporate customer advises not authorized";
            case "CHECK" -> "returned check";
            default -> "returned by the bank";
        };
    }
}
