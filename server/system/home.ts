// The page at `/` while no renderer build is present: says what is running and where the API is.
import type { Express } from 'express';

const page = (version: string) => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>明厨亮灶指挥调度 Canteen Command</title>
<style>body{background:#0b1320;color:#e6edf7;font:18px/1.6 system-ui,"Noto Sans CJK SC",sans-serif;margin:3rem auto;max-width:46rem;padding:0 1rem}
a{color:#6cb6ff}code{background:#16233a;padding:.1rem .3rem;border-radius:3px}</style></head>
<body><h1>明厨亮灶指挥调度平台</h1><p>Canteen Command ${version} 服务已运行。</p>
<ul><li>接口文档 API: <a href="/api/openapi.json">/api/openapi.json</a></li>
<li>健康检查 Health: <a href="/api/health">/api/health</a></li>
<li>登录 Login: <code>POST /api/auth/login</code></li></ul>
<p lang="en">The web console is not built in this checkout; the API and realtime events are served here.</p></body></html>`;

export function serveHome(app: Express, version: string): void {
  app.get('/', (_req, res) => {
    res.type('html').send(page(version));
  });
}
