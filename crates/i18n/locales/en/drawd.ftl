# Messages of expertpool-drawd (en).
