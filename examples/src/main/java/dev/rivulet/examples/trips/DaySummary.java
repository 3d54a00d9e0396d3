package dev.rivulet.examples.trips;

import java.time.LocalDate;

/** What one day of trips adds up to. */
public record DaySummary(LocalDate day, long trips, double miles, double fares, double tips, double meanTipFraction) {

    static String csvHeader() {
        return "day,trips,miles,fares,tips,mean_tip_fraction";
    }

    String toCsv() {
        return String.format(java.util.Locale.ROOT, "%s,%d,%.1f,%.2f,%.2f,%.4f", day, trips, miles, fares, tips, meanTipFraction);
    }
}
