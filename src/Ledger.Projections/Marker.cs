namespace Ledger.Projections; public static class Marker { }
