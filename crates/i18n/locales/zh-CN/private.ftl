# Messages of expertpool-private (zh-CN).
