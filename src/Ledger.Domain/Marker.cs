namespace Ledger.Domain; public static class Marker { }
