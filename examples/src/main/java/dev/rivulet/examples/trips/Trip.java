package dev.rivulet.examples.trips;

import java.time.LocalDateTime;

/** One taxi trip, with the fields the daily report uses. */
public record Trip(LocalDateTime pickup, int pickupZone, double distanceMiles, double fare, double tip, int paymentType) {

    /** The share of the total that was tip; 0 when nothing was paid. */
    public double tipFraction() {
        double total = fare + tip;
        return total > 0 ? tip / total : 0;
    }
}
