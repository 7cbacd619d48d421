# Messages of the lookup area (zh-CN).
