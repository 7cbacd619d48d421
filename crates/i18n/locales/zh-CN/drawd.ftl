# Messages of expertpool-drawd (zh-CN).
