# Messages of the verify area (zh-CN).
