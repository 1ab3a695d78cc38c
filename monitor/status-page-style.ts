/** The operator page's stylesheet: green, amber and red as in the dashboard; failing first, big enough to read from across a room. */
export const STATUS_PAGE_STYLE = `
body{font:14px system-ui,sans-serif;margin:1.5rem;color:#222}
table{border-collapse:collapse;width:100%}th,td{padding:.3rem .6rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
td:first-child{white-space:nowrap}
.ok .outcome{color:#1a7f37}.slow .outcome{color:#9a6700}.bad .outcome{color:#cf222e;font-weight:600}
.beats{white-space:nowrap}.beats i{display:inline-block;width:6px;height:18px;margin-right:2px;border-radius:2px;background:#1a7f37}
.beats i.slow{background:#d4a72c}.beats i.bad{background:#cf222e}
.rule{font-weight:600}small{color:#666}.uptime,.p50,.p95{white-space:nowrap}
code{background:#f4f4f4;padding:0 .3rem}
.beats i.maint{opacity:.45}small.maintenance{color:#57606a;border:1px solid #d0d7de;border-radius:3px;padding:0 .25rem;font-weight:400}
#headline{font-size:1.5rem;font-weight:600;margin:.5rem 0;padding:.4rem .8rem;border-left:6px solid #1a7f37}
#headline.slow{border-color:#d4a72c}#headline.bad{border-color:#cf222e;color:#a40e26}
#maintenance,.banner{padding:.5rem .8rem;border-left:4px solid #57606a;background:#eef1f4}
.banner.bad{border-color:#cf222e;background:#ffebe9}
#glance{display:flex;gap:1rem;flex-wrap:wrap}#glance>section{flex:1 1 22rem;padding:.5rem .8rem;border-left:4px solid #1a7f37;background:#f6f8fa}
#glance>section.slow{border-color:#d4a72c}#glance>section.bad{border-color:#cf222e}
#glance h2{font-size:1rem;margin:0 0 .3rem}#glance ul{margin:.2rem 0;padding-left:1.2rem}
`;
