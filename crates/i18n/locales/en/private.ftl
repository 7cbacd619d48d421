# Messages of expertpool-private (en).
