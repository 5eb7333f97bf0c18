<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AddUserDialog</name>
    <message>
        <source>Add user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <source>lower case, e.g. wang.li</source>
        <translation>小写字母，例如 wang.li</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>登录名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
</context>
<context>
    <name>AdjustDialog</name>
    <message>
        <source>Adjust stock</source>
        <translation>库存调整</translation>
    </message>
    <message>
        <source>More (+5) or less (-2) than the bin holds now</source>
        <translation>比库位现有数量多（+5）或少（-2）</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Bin</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Change (+/-)</source>
        <translation>调整数量（+/-）</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Choose a reason.</source>
        <translation>请选择原因。</translation>
    </message>
    <message>
        <source>%1%2 × %3%4 in %5 (%6)</source>
        <translation>%5 中 %3%4 调整 %1%2（%6）</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <source>Assign a warehouse</source>
        <translation>指定仓库</translation>
    </message>
    <message>
        <source>Assign a carrier</source>
        <translation>指定快递</translation>
    </message>
    <message>
        <source>Assign a handler</source>
        <translation>指定处理人</translation>
    </message>
    <message numerus="yes">
        <source>Ship %n order(s) from this warehouse. Approved orders give back the stock they reserved elsewhere and are reviewed again.</source>
        <translation>
            <numerusform>这 %n 个订单从此仓库发货。已审核的订单会释放在其他仓库占用的库存并重新审单。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Ship %n order(s) with this carrier.</source>
        <translation>
            <numerusform>这 %n 个订单用此快递发货。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Hand %n order(s) to this person.</source>
        <translation>
            <numerusform>把这 %n 个订单交给此人处理。</numerusform>
        </translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>快递</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>e.g. standard, express (optional)</source>
        <translation>例如：标快、特快（可不填）</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>There is nothing to choose from yet.</source>
        <translation>还没有可选的项目。</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>指定</translation>
    </message>
</context>
<context>
    <name>BulkActions</name>
    <message numerus="yes">
        <source>Approving %n order(s)…</source>
        <translation>
            <numerusform>正在审核 %n 个订单…</numerusform>
        </translation>
    </message>
    <message>
        <source>Approved: %1</source>
        <translation>审核通过：%1</translation>
    </message>
    <message>
        <source>waiting for stock: %1</source>
        <translation>缺货等待：%1</translation>
    </message>
    <message>
        <source>not approved: %1 (%2)</source>
        <translation>未通过：%1（%2）</translation>
    </message>
    <message>
        <source>Hold orders</source>
        <translation>挂起订单</translation>
    </message>
    <message numerus="yes">
        <source>Why hold %n order(s)?</source>
        <translation>
            <numerusform>为什么挂起 %n 个订单？</numerusform>
        </translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>挂起</translation>
    </message>
    <message numerus="yes">
        <source>Holding %n order(s)…</source>
        <translation>
            <numerusform>正在挂起 %n 个订单…</numerusform>
        </translation>
    </message>
    <message>
        <source>On hold: %1 of %2</source>
        <translation>已挂起：%1 / %2</translation>
    </message>
    <message>
        <source>Cancel orders</source>
        <translation>取消订单</translation>
    </message>
    <message numerus="yes">
        <source>Why cancel %n order(s)? Their reserved stock goes back.</source>
        <translation>
            <numerusform>为什么取消 %n 个订单？已占用的库存将释放。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelling %n order(s)…</source>
        <translation>
            <numerusform>正在取消 %n 个订单…</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled: %1 of %2</source>
        <translation>已取消：%1 / %2</translation>
    </message>
    <message>
        <source>Pulling orders from %1…</source>
        <translation>正在从 %1 拉取订单…</translation>
    </message>
    <message>
        <source>%1: the platform cannot be reached (%2)</source>
        <translation>%1：无法连接平台（%2）</translation>
    </message>
    <message>
        <source>%1: %2 new, %3 updated, %4 rejected</source>
        <translation>%1：新增 %2，更新 %3，被拒绝 %4</translation>
    </message>
</context>
<context>
    <name>CarriersTab</name>
    <message>
        <source>&amp;Import tracking numbers…</source>
        <translation>导入快递单号(&amp;I)…</translation>
    </message>
    <message>
        <source>Add a carrier&apos;s numbers to its pool: a file or a range (Ctrl+I)</source>
        <translation>把快递单号导入该快递公司的单号池：文件或号段 (Ctrl+I)</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <source>Load the carriers again (F5)</source>
        <translation>重新加载快递公司 (F5)</translation>
    </message>
    <message>
        <source>Label layout of the selected carrier</source>
        <translation>所选快递公司的面单模板</translation>
    </message>
    <message>
        <source>Save layout</source>
        <translation>保存模板</translation>
    </message>
    <message>
        <source>The label size follows the layout: 100 × 150 mm, or 100 × 180 mm for the e-waybill (电子面单).</source>
        <translation>面单尺寸随模板而定：100 × 150 mm，电子面单为 100 × 180 mm。</translation>
    </message>
    <message>
        <source>Sender printed on the labels</source>
        <translation>面单上的寄件人</translation>
    </message>
    <message>
        <source>Save sender</source>
        <translation>保存寄件人</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>电话：</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>Postal code:</source>
        <translation>邮编：</translation>
    </message>
    <message>
        <source>Administrators set the label layouts and the sender.</source>
        <translation>面单模板和寄件人由管理员设置。</translation>
    </message>
    <message>
        <source>Importing tracking numbers…</source>
        <translation>正在导入快递单号…</translation>
    </message>
    <message>
        <source>%1: %2 number(s) added, %3 already in the pool; %4 left in the pool.</source>
        <translation>%1：新增 %2 个单号，%3 个已在单号池中；单号池剩余 %4 个。</translation>
    </message>
    <message>
        <source>%1 line(s) refused (not tracking numbers): %2</source>
        <translation>%1 行被拒绝（不是快递单号）：%2</translation>
    </message>
    <message>
        <source>%1 prints its labels with the layout %2.</source>
        <translation>%1 的面单改用模板 %2 打印。</translation>
    </message>
    <message>
        <source>The sender on the labels is saved.</source>
        <translation>面单寄件人已保存。</translation>
    </message>
</context>
<context>
    <name>ColumnMappingDialog</name>
    <message>
        <source>Columns of the file</source>
        <translation>文件的列</translation>
    </message>
    <message>
        <source>Choose the column of the file for each field. Fields marked * are needed; the choice is remembered for the shop.</source>
        <translation>为每个字段选择文件中对应的列。带 * 的字段必填；所选对应关系会为该店铺记住。</translation>
    </message>
    <message>
        <source>— not in the file —</source>
        <translation>— 文件中没有 —</translation>
    </message>
    <message>
        <source>Still needed: %1</source>
        <translation>仍需选择：%1</translation>
    </message>
</context>
<context>
    <name>ConditionRow</name>
    <message>
        <source>Remove the condition</source>
        <translation>删除此条件</translation>
    </message>
</context>
<context>
    <name>ConnectionDialog</name>
    <message>
        <source>Connect to a database server</source>
        <translation>连接数据库服务器</translation>
    </message>
    <message>
        <source>your login, e.g. alice@erp</source>
        <translation>您的登录名，例如 alice@erp</translation>
    </message>
    <message>
        <source>Remember the password in the system keyring</source>
        <translation>在系统密钥环中记住密码</translation>
    </message>
    <message>
        <source>Forget this server and use the database on this computer</source>
        <translation>忘记此服务器，改用本机数据库</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS 加密</translation>
    </message>
    <message>
        <source>Server, database and user are needed.</source>
        <translation>必须填写服务器、数据库和用户。</translation>
    </message>
    <message>
        <source>This computer has no system keyring, so the password cannot be remembered: you will be asked for it each time.</source>
        <translation>本机没有系统密钥环，无法记住密码：每次都会询问您。</translation>
    </message>
</context>
<context>
    <name>CountScreen</name>
    <message>
        <source>◀ Counts</source>
        <translation>◀ 盘点单</translation>
    </message>
    <message>
        <source>Back to the list of counts (Esc)</source>
        <translation>返回盘点单列表（Esc）</translation>
    </message>
    <message>
        <source>Bin</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>Scan a bin label, or pick the bin here</source>
        <translation>扫描库位标签，或在此选择库位</translation>
    </message>
    <message>
        <source>Scan — or type a quantity for the next scan and press Enter</source>
        <translation>扫描条码 — 或输入下一次扫描的数量后按回车</translation>
    </message>
    <message>
        <source>The lot of the SKU found (it has several lots in this bin)</source>
        <translation>所盘商品的批次（该商品在此库位有多个批次）</translation>
    </message>
    <message>
        <source>Finish bin (F9)</source>
        <translation>完成库位（F9）</translation>
    </message>
    <message>
        <source>Recount bin</source>
        <translation>复盘库位</translation>
    </message>
    <message>
        <source>Resume bin</source>
        <translation>继续盘点库位</translation>
    </message>
    <message>
        <source>Undo last scan (Ctrl+Z)</source>
        <translation>撤销上次扫描（Ctrl+Z）</translation>
    </message>
    <message>
        <source>Count typed code (Ctrl+Enter)</source>
        <translation>按输入的编码计数（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>实盘</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>账面</translation>
    </message>
    <message>
        <source>Unknown barcodes</source>
        <translation>未知条码</translation>
    </message>
    <message>
        <source>Scan the label of the bin you count first.</source>
        <translation>请先扫描要盘点的库位标签。</translation>
    </message>
    <message>
        <source>Pick a bin…</source>
        <translation>选择库位…</translation>
    </message>
    <message>
        <source>Blind count</source>
        <translation>盲盘</translation>
    </message>
    <message>
        <source>Bins counted: %1 / %2</source>
        <translation>已盘库位：%1 / %2</translation>
    </message>
    <message>
        <source>Next scan counts: %1</source>
        <translation>下次扫描计数：%1</translation>
    </message>
    <message>
        <source>Scan a bin label first: %1 is not a bin of this count.</source>
        <translation>请先扫描库位标签：%1 不是本次盘点的库位。</translation>
    </message>
    <message>
        <source>Bin %1 is %2: press Resume bin or Recount bin to count in it.</source>
        <translation>库位 %1 状态为“%2”：请点“继续盘点库位”或“复盘库位”后再扫描。</translation>
    </message>
    <message>
        <source>Unknown barcode %1 — not counted. Put the item aside; it is listed on the right.</source>
        <translation>未知条码 %1 — 未计数。请将该商品放在一边，条码已记在右侧列表中。</translation>
    </message>
    <message>
        <source>+%1  %2 %3%4 — now %5 in %6</source>
        <translation>+%1  %2 %3%4 — %6 现有 %5</translation>
    </message>
    <message>
        <source>(no lot)</source>
        <translation>（无批次）</translation>
    </message>
    <message>
        <source>%1 has several lots in this bin: choose the lot on the right, then scan again.</source>
        <translation>%1 在此库位有多个批次：请在右侧选择批次，然后重新扫描。</translation>
    </message>
    <message>
        <source>The next scan counts %1.</source>
        <translation>下次扫描计数 %1。</translation>
    </message>
    <message>
        <source>Typed text is not counted: scan the barcode, or press Ctrl+Enter to count %1 by hand.</source>
        <translation>手工输入的内容不计数：请扫描条码，或按 Ctrl+Enter 按编码 %1 手工计数。</translation>
    </message>
    <message>
        <source>Bin %1 is counted already. Resume bin to add to its count, Recount bin to count it again from zero.</source>
        <translation>库位 %1 已盘点完成。点“继续盘点库位”可继续累加，点“复盘库位”则清零重盘。</translation>
    </message>
    <message>
        <source>Counting bin %1: scan each item.</source>
        <translation>正在盘点库位 %1：请逐件扫描。</translation>
    </message>
    <message numerus="yes">
        <source>Bin %1 is counted, but stock moved in or out of it %n time(s) while you counted: consider a recount.</source>
        <translation>
            <numerusform>库位 %1 已盘点完成，但盘点期间该库位有 %n 次出入库：建议复盘。</numerusform>
        </translation>
    </message>
    <message>
        <source>Bin %1 is counted. Scan the next bin label.</source>
        <translation>库位 %1 已盘点完成。请扫描下一个库位标签。</translation>
    </message>
    <message>
        <source>Counting bin %1 again: scans add to its count.</source>
        <translation>继续盘点库位 %1：扫描数量将累加到已盘数量上。</translation>
    </message>
    <message>
        <source>Clear everything counted in bin %1 and count it again from zero?</source>
        <translation>清除库位 %1 的全部盘点记录并从零开始重盘？</translation>
    </message>
    <message>
        <source>Bin %1 is cleared: count it again from zero.</source>
        <translation>库位 %1 已清零：请从零开始重新盘点。</translation>
    </message>
    <message>
        <source>Took back the last scan: -%1 of %2.</source>
        <translation>已撤销上次扫描：%2 减 %1。</translation>
    </message>
</context>
<context>
    <name>CreateStocktakeDialog</name>
    <message>
        <source>New count</source>
        <translation>新建盘点</translation>
    </message>
    <message>
        <source>Warehouse:</source>
        <translation>仓库：</translation>
    </message>
    <message>
        <source>Count:</source>
        <translation>盘点范围：</translation>
    </message>
    <message>
        <source>Every bin of the warehouse is counted.</source>
        <translation>盘点该仓库的所有库位。</translation>
    </message>
    <message>
        <source>Its subcategories are counted too, in every bin that holds them.</source>
        <translation>其子品类也一并盘点，范围为存放这些商品的所有库位。</translation>
    </message>
    <message>
        <source>A-class SKUs due</source>
        <translation>到期的 A 类商品</translation>
    </message>
    <message>
        <source>The SKUs making up 80% of the value shipped from this warehouse in the last 90 days, not counted in the last 30 days</source>
        <translation>近 90 天本仓发货金额占前 80% 且近 30 天未盘点过的商品</translation>
    </message>
    <message>
        <source>SKU codes or barcodes, one per line</source>
        <translation>商品编码或条码，每行一个</translation>
    </message>
    <message>
        <source>Blind count: counters do not see the expected quantities</source>
        <translation>盲盘：盘点人员看不到账面数量</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>%1 A-class SKUs due, shipped value %2 in 90 days</source>
        <translation>%1 个 A 类商品到期待盘，近 90 天发货金额 %2</translation>
    </message>
    <message>
        <source>No A-class SKU is due: nothing shipped in 90 days, or all were counted in the last 30 days.</source>
        <translation>没有到期的 A 类商品：近 90 天无发货，或近 30 天都已盘点过。</translation>
    </message>
    <message>
        <source>There is no warehouse to count.</source>
        <translation>没有可盘点的仓库。</translation>
    </message>
    <message>
        <source>Tick the bins to count.</source>
        <translation>请勾选要盘点的库位。</translation>
    </message>
    <message>
        <source>Choose a category.</source>
        <translation>请选择品类。</translation>
    </message>
    <message>
        <source>Unknown SKU codes or barcodes: %1</source>
        <translation>未知的商品编码或条码：%1</translation>
    </message>
    <message>
        <source>List the SKUs to count, or take the A-class SKUs that are due.</source>
        <translation>请列出要盘点的商品，或选用到期的 A 类商品。</translation>
    </message>
</context>
<context>
    <name>CreateWavesDialog</name>
    <message>
        <source>Create waves</source>
        <translation>生成波次</translation>
    </message>
    <message>
        <source>Approved orders go into waves by warehouse and carrier, single-item orders in waves of their own, oldest payment first.</source>
        <translation>已审核的订单按仓库和快递公司分成波次，单品单件订单单独成波次，先付款的先拣。</translation>
    </message>
    <message>
        <source>Every warehouse</source>
        <translation>所有仓库</translation>
    </message>
    <message>
        <source>Every carrier</source>
        <translation>所有快递公司</translation>
    </message>
    <message>
        <source>Single-item orders only (one unit of one SKU)</source>
        <translation>仅单品单件订单（一个 SKU 一件）</translation>
    </message>
    <message>
        <source>Printed on the picking list (optional)</source>
        <translation>打印在拣货单上（可选）</translation>
    </message>
    <message>
        <source>Warehouse:</source>
        <translation>仓库：</translation>
    </message>
    <message>
        <source>Carrier:</source>
        <translation>快递公司：</translation>
    </message>
    <message>
        <source>Orders per wave at most:</source>
        <translation>每个波次最多订单数：</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>Approved orders that qualify: %1 (single-item: %2)</source>
        <translation>符合条件的已审核订单：%1 个（单品单件：%2 个）</translation>
    </message>
</context>
<context>
    <name>CredentialsDialog</name>
    <message>
        <source>Credentials of %1</source>
        <translation>%1 的接口凭据</translation>
    </message>
    <message>
        <source>They are kept in this computer&apos;s keyring, for this company only, and are never shown again. Type them anew to replace them.</source>
        <translation>凭据保存在本机的系统密钥环中，仅用于本公司，保存后不再显示。要更换请重新输入。</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>访问令牌</translation>
    </message>
    <message>
        <source>Consumer key</source>
        <translation>Consumer key（客户端密钥）</translation>
    </message>
    <message>
        <source>Consumer secret</source>
        <translation>Consumer secret（客户端密码）</translation>
    </message>
</context>
<context>
    <name>DevicesDialog</name>
    <message>
        <source>Devices of this workstation</source>
        <translation>本工位的设备</translation>
    </message>
    <message>
        <source>Scanners</source>
        <translation>扫描枪</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>电子秤</translation>
    </message>
    <message>
        <source>Label printer</source>
        <translation>标签打印机</translation>
    </message>
    <message>
        <source>A4 printer</source>
        <translation>A4 打印机</translation>
    </message>
    <message>
        <source>These settings belong to this computer, whoever logs in.</source>
        <translation>这些设置属于这台电脑，无论谁登录都一样。</translation>
    </message>
    <message>
        <source>Look for devices</source>
        <translation>查找设备</translation>
    </message>
    <message>
        <source>USB scanner that types like a keyboard</source>
        <translation>USB 扫描枪（键盘模式）</translation>
    </message>
    <message>
        <source>Keys further apart than this are a person typing (30 ms suits most scanners; raise it on slow or remote-desktop PCs)</source>
        <translation>按键间隔超过此值视为人工输入（多数扫描枪用 30 毫秒；电脑较慢或远程桌面时调大）</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>回车</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tab 键</translation>
    </message>
    <message>
        <source>Enter or Tab</source>
        <translation>回车或 Tab 键</translation>
    </message>
    <message>
        <source>Longest gap between keys:</source>
        <translation>按键最大间隔：</translation>
    </message>
    <message>
        <source>Shortest code:</source>
        <translation>条码最短长度：</translation>
    </message>
    <message>
        <source>Code ends with:</source>
        <translation>条码结束符：</translation>
    </message>
    <message>
        <source>Remove prefix:</source>
        <translation>去掉前缀：</translation>
    </message>
    <message>
        <source>Remove suffix:</source>
        <translation>去掉后缀：</translation>
    </message>
    <message>
        <source>Serial scanner (RS-232 or USB virtual COM port)</source>
        <translation>串口扫描枪（RS-232 或 USB 虚拟串口）</translation>
    </message>
    <message>
        <source>A port such as /dev/ttyACM0 or COM3, or usb:VID:PID to find the scanner in any USB socket</source>
        <translation>端口，如 /dev/ttyACM0 或 COM3；或填 usb:VID:PID，插在任何 USB 口都能找到扫描枪</translation>
    </message>
    <message>
        <source>CR (carriage return)</source>
        <translation>CR（回车）</translation>
    </message>
    <message>
        <source>LF (line feed)</source>
        <translation>LF（换行）</translation>
    </message>
    <message>
        <source>CR LF</source>
        <translation>CR LF</translation>
    </message>
    <message>
        <source>Any of them</source>
        <translation>任一均可</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>Speed (baud):</source>
        <translation>波特率：</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>Test scan</source>
        <translation>测试扫描</translation>
    </message>
    <message>
        <source>Press “Test scan”, then scan any barcode.</source>
        <translation>点击“测试扫描”，然后扫任意条码。</translation>
    </message>
    <message>
        <source>Serial scale</source>
        <translation>串口电子秤</translation>
    </message>
    <message>
        <source>MT-SICS (Mettler Toledo and compatibles)</source>
        <translation>MT-SICS（梅特勒-托利多及兼容）</translation>
    </message>
    <message>
        <source>Continuous line “ST,GS,+0001.234kg” (most Chinese indicators)</source>
        <translation>连续输出“ST,GS,+0001.234kg”（多数国产仪表）</translation>
    </message>
    <message>
        <source>Ask for each weight</source>
        <translation>每次称重时询问</translation>
    </message>
    <message>
        <source>The scale sends all the time</source>
        <translation>电子秤连续发送</translation>
    </message>
    <message>
        <source>Protocol:</source>
        <translation>协议：</translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation>模式：</translation>
    </message>
    <message>
        <source>Read weight</source>
        <translation>读取重量</translation>
    </message>
    <message>
        <source>Tare</source>
        <translation>去皮</translation>
    </message>
    <message>
        <source>Thermal label printer</source>
        <translation>热敏标签打印机</translation>
    </message>
    <message>
        <source>Network (raw TCP, port 9100)</source>
        <translation>网络（TCP 直连，端口 9100）</translation>
    </message>
    <message>
        <source>Serial port</source>
        <translation>串口</translation>
    </message>
    <message>
        <source>USB printer device (Linux /dev/usb/lp*)</source>
        <translation>USB 打印机设备（Linux /dev/usb/lp*）</translation>
    </message>
    <message>
        <source>CUPS queue (raw)</source>
        <translation>CUPS 队列（原始数据）</translation>
    </message>
    <message>
        <source>Windows printer (raw)</source>
        <translation>Windows 打印机（原始数据）</translation>
    </message>
    <message>
        <source>e.g. Packing bench 3</source>
        <translation>如：3 号打包台</translation>
    </message>
    <message>
        <source>ZPL (Zebra and compatibles)</source>
        <translation>ZPL（斑马及兼容机型）</translation>
    </message>
    <message>
        <source>TSPL (TSC, Gprinter, Xprinter)</source>
        <translation>TSPL（TSC、佳博、芯烨）</translation>
    </message>
    <message>
        <source>The printer&apos;s Chinese font</source>
        <translation>打印机内置中文字体</translation>
    </message>
    <message>
        <source>Sent as pictures (printer without a Chinese font)</source>
        <translation>以图片发送（打印机无中文字体）</translation>
    </message>
    <message>
        <source>The TrueType font with Chinese on the printer, as the printer lists it (e.g. E:SIMSUN.TTF)</source>
        <translation>打印机上含中文的 TrueType 字体，按打印机中的名称填写（如 E:SIMSUN.TTF）</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>XON/XOFF (software)</source>
        <translation>XON/XOFF（软件）</translation>
    </message>
    <message>
        <source>RTS/CTS (hardware)</source>
        <translation>RTS/CTS（硬件）</translation>
    </message>
    <message>
        <source>DSR/DTR (hardware)</source>
        <translation>DSR/DTR（硬件）</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <source>Connected by:</source>
        <translation>连接方式：</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>指令语言：</translation>
    </message>
    <message>
        <source>Resolution:</source>
        <translation>分辨率：</translation>
    </message>
    <message>
        <source>Chinese text:</source>
        <translation>中文文字：</translation>
    </message>
    <message>
        <source>Printer font:</source>
        <translation>打印机字体：</translation>
    </message>
    <message>
        <source>Flow control:</source>
        <translation>流控：</translation>
    </message>
    <message>
        <source>Print test label</source>
        <translation>打印测试标签</translation>
    </message>
    <message>
        <source>Office printer for invoices, picking lists and packing slips</source>
        <translation>办公打印机：发货单、拣货单和装箱单</translation>
    </message>
    <message>
        <source>The system&apos;s default printer</source>
        <translation>系统默认打印机</translation>
    </message>
    <message>
        <source>Ask every time</source>
        <translation>每次询问</translation>
    </message>
    <message>
        <source>%1 (not found)</source>
        <translation>%1（未找到）</translation>
    </message>
    <message>
        <source>Printer:</source>
        <translation>打印机：</translation>
    </message>
    <message>
        <source>Print a packing slip with each parcel packed at this station</source>
        <translation>本工位打包的每个包裹都打印装箱单</translation>
    </message>
    <message>
        <source>192.168.1.50 or printer-name:9100</source>
        <translation>192.168.1.50 或 打印机名:9100</translation>
    </message>
    <message>
        <source>/dev/ttyUSB0, COM3 …</source>
        <translation>/dev/ttyUSB0、COM3 …</translation>
    </message>
    <message>
        <source>the raw queue&apos;s name</source>
        <translation>原始数据队列的名称</translation>
    </message>
    <message>
        <source>the printer&apos;s name in Windows</source>
        <translation>打印机在 Windows 中的名称</translation>
    </message>
    <message>
        <source>Queue:</source>
        <translation>队列：</translation>
    </message>
    <message>
        <source>connected (%1)</source>
        <translation>已连接（%1）</translation>
    </message>
    <message>
        <source>not connected: %1</source>
        <translation>未连接：%1</translation>
    </message>
    <message>
        <source>off</source>
        <translation>未启用</translation>
    </message>
    <message>
        <source>set up</source>
        <translation>已设置</translation>
    </message>
    <message>
        <source>the last label was sent</source>
        <translation>上一张标签已发送</translation>
    </message>
    <message>
        <source>the last label failed: %1</source>
        <translation>上一张标签失败：%1</translation>
    </message>
    <message>
        <source>Turn on a scanner above first.</source>
        <translation>请先在上方启用一种扫描枪。</translation>
    </message>
    <message>
        <source>Waiting for a scan… scan any barcode now.</source>
        <translation>等待扫描……请现在扫任意条码。</translation>
    </message>
    <message>
        <source>the keyboard scanner</source>
        <translation>键盘模式扫描枪</translation>
    </message>
    <message>
        <source>the serial scanner on %1</source>
        <translation>%1 上的串口扫描枪</translation>
    </message>
    <message>
        <source>Scanned “%1” from %2.</source>
        <translation>收到来自%2的条码“%1”。</translation>
    </message>
    <message>
        <source>GS1 data that cannot be read: %1</source>
        <translation>无法读取的 GS1 数据：%1</translation>
    </message>
    <message>
        <source>; </source>
        <comment>between the GS1 fields</comment>
        <translation>；</translation>
    </message>
    <message>
        <source>GS1: %1</source>
        <translation>GS1：%1</translation>
    </message>
    <message>
        <source>GTIN %1</source>
        <translation>GTIN %1</translation>
    </message>
    <message>
        <source>lot %1</source>
        <translation>批号 %1</translation>
    </message>
    <message>
        <source>expiry %1</source>
        <translation>有效期至 %1</translation>
    </message>
    <message>
        <source>best before %1</source>
        <translation>最佳食用期 %1</translation>
    </message>
    <message>
        <source>made %1</source>
        <translation>生产日期 %1</translation>
    </message>
    <message>
        <source>serial %1</source>
        <translation>序列号 %1</translation>
    </message>
    <message>
        <source>SSCC %1</source>
        <translation>SSCC %1</translation>
    </message>
    <message>
        <source>quantity %1</source>
        <translation>数量 %1</translation>
    </message>
    <message>
        <source>net %1 kg</source>
        <translation>净重 %1 kg</translation>
    </message>
    <message>
        <source>Turn on the scale and choose its port first.</source>
        <translation>请先启用电子秤并选择端口。</translation>
    </message>
    <message>
        <source>Reading the scale…</source>
        <translation>正在读取电子秤……</translation>
    </message>
    <message>
        <source>Taring…</source>
        <translation>正在去皮……</translation>
    </message>
    <message>
        <source>%1 kg</source>
        <translation>%1 kg</translation>
    </message>
    <message>
        <source>net</source>
        <translation>净重</translation>
    </message>
    <message>
        <source>gross</source>
        <translation>毛重</translation>
    </message>
    <message>
        <source>stable</source>
        <translation>稳定</translation>
    </message>
    <message>
        <source>unstable (still moving)</source>
        <translation>不稳定（仍在晃动）</translation>
    </message>
    <message>
        <source>Tared: %1 kg will be taken off each weight.</source>
        <translation>已去皮：每次称重将减去 %1 kg。</translation>
    </message>
    <message>
        <source>no address</source>
        <translation>未填地址</translation>
    </message>
    <message>
        <source>Sending the test label…</source>
        <translation>正在发送测试标签……</translation>
    </message>
    <message>
        <source>The test label went to %1 (%2 bytes).</source>
        <translation>测试标签已发送到 %1（%2 字节）。</translation>
    </message>
</context>
<context>
    <name>Explain</name>
    <message>
        <source>Forecast</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>%1 a day: exponential smoothing with trend and weekly pattern (Holt-Winters) over %2 days of sales; level weight α %3, trend weight β %4, weekly weight γ %5, trend damping φ %6.</source>
        <translation>每天 %1：基于 %2 天销量的指数平滑（Holt-Winters，含趋势和周规律）；水平权重 α %3，趋势权重 β %4，周规律权重 γ %5，趋势阻尼 φ %6。</translation>
    </message>
    <message>
        <source>Next 7 days</source>
        <translation>未来 7 天</translation>
    </message>
    <message>
        <source>%1 a day: the average of the last 90 days. It sells on few days, so no trend or weekly pattern is fitted.</source>
        <translation>每天 %1：最近 90 天的平均值。该商品有销量的天数很少，因此不拟合趋势和周规律。</translation>
    </message>
    <message>
        <source>%1 a day: the average of the %2 days since it was first stocked (too short for a pattern).</source>
        <translation>每天 %1：首次入库以来 %2 天的平均值（时间太短，看不出规律）。</translation>
    </message>
    <message>
        <source>none: nothing was shipped in the last %1 days.</source>
        <translation>无：最近 %1 天没有出库。</translation>
    </message>
    <message>
        <source>Spikes</source>
        <translation>异常峰值</translation>
    </message>
    <message>
        <source>%1 promotion days left out (618, Double 11, Double 12); %2 other spikes capped.</source>
        <translation>剔除了 %1 个大促日（618、双11、双12）；另有 %2 个异常峰值被削平。</translation>
    </message>
    <message>
        <source>the typical one-day forecast error of the last 90 days</source>
        <translation>最近 90 天单日预测误差的典型值</translation>
    </message>
    <message>
        <source>the standard deviation of daily sales</source>
        <translation>日销量的标准差</translation>
    </message>
    <message>
        <source>Variability</source>
        <translation>波动</translation>
    </message>
    <message>
        <source>σ %1 a day: %2.</source>
        <translation>σ 每天 %1：%2。</translation>
    </message>
    <message>
        <source>Safety stock</source>
        <translation>安全库存</translation>
    </message>
    <message>
        <source>%1, set by hand (computed: %2).</source>
        <translation>%1，人工设定（计算值：%2）。</translation>
    </message>
    <message>
        <source>z %1 (service level %2) × σ %3 × √(lead time %4 + review %5 days) = %6.</source>
        <translation>z %1（服务水平 %2）× σ %3 × √(采购周期 %4 + 盘点周期 %5 天) = %6。</translation>
    </message>
    <message>
        <source>Reorder point</source>
        <translation>再订货点</translation>
    </message>
    <message>
        <source>forecast %1 × lead time %2 days + safety stock %3 = %4.</source>
        <translation>预测 %1 × 采购周期 %2 天 + 安全库存 %3 = %4。</translation>
    </message>
    <message>
        <source>reorder point %1 + forecast %2 × review %3 days = %4.</source>
        <translation>再订货点 %1 + 预测 %2 × 盘点周期 %3 天 = %4。</translation>
    </message>
    <message>
        <source>Capped at the maximum stock %1.</source>
        <translation>以最高库存 %1 为上限。</translation>
    </message>
    <message>
        <source>Order up to</source>
        <translation>补货目标</translation>
    </message>
    <message>
        <source>Stock position</source>
        <translation>库存头寸</translation>
    </message>
    <message>
        <source>available %1 + on order %2 + in transit %3 = %4.</source>
        <translation>可用 %1 + 已下单 %2 + 在途 %3 = %4。</translation>
    </message>
    <message>
        <source>%1 − %2 = %3 needed; raised to the minimum order %4: %5; rounded up to whole packs of %6: buy %7.</source>
        <translation>%1 − %2 = 需要 %3；提高到最小起订量 %4：%5；按每箱 %6 向上取整：采购 %7。</translation>
    </message>
    <message>
        <source>The stock position is above the reorder point: nothing to buy now.</source>
        <translation>库存头寸高于再订货点：暂不需要采购。</translation>
    </message>
    <message>
        <source>The stock is at its maximum: nothing to buy.</source>
        <translation>库存已达上限：无需采购。</translation>
    </message>
    <message>
        <source>No demand and no safety stock: nothing to buy.</source>
        <translation>没有需求，也没有安全库存：无需采购。</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>the supplier&apos;s terms for this SKU</source>
        <translation>该供应商对此 SKU 的供货条件</translation>
    </message>
    <message>
        <source>the supplier&apos;s usual lead time</source>
        <translation>该供应商的默认交期</translation>
    </message>
    <message>
        <source>%1 %2, lead time %3 days (%4).</source>
        <translation>%1 %2，采购周期 %3 天（%4）。</translation>
    </message>
    <message>
        <source>%1 × %2 = %3.</source>
        <translation>%1 × %2 = %3。</translation>
    </message>
    <message>
        <source>No supplier for this SKU yet: a lead time of 7 days is assumed.</source>
        <translation>此 SKU 还没有供应商：按 7 天采购周期计算。</translation>
    </message>
    <message>
        <source>Stock health</source>
        <translation>库存健康</translation>
    </message>
    <message>
        <source>average stock over the year %1, turnover %2 a year, %3 days of cover.</source>
        <translation>全年平均库存 %1，年周转 %2 次，可售 %3 天。</translation>
    </message>
    <message>
        <source>%1 %2 in %3</source>
        <translation>%1 %2 · %3</translation>
    </message>
    <message>
        <source>no sale in the last 365 days.</source>
        <translation>最近 365 天没有销售。</translation>
    </message>
    <message>
        <source>no sale for %1 days (from %2 days on, stock counts as dead).</source>
        <translation>已 %1 天没有销售（超过 %2 天即视为呆滞库存）。</translation>
    </message>
    <message>
        <source>turnover %1 a year (slow below %2) and %3 days of cover (slow above %4).</source>
        <translation>年周转 %1 次（低于 %2 为滞销），可售 %3 天（超过 %4 为滞销）。</translation>
    </message>
    <message>
        <source>%1 days of cover, above %2.</source>
        <translation>可售 %1 天，超过 %2 天。</translation>
    </message>
    <message>
        <source>Value tied up</source>
        <translation>占用资金</translation>
    </message>
    <message>
        <source>on hand %1 × cost %2 = %3; %4 of it (%5) above %6 days of demand.</source>
        <translation>在库 %1 × 成本 %2 = %3；其中 %4（%5）超出 %6 天的需求。</translation>
    </message>
    <message>
        <source>Demand</source>
        <translation>需求</translation>
    </message>
    <message>
        <source>forecast %1 a day; shipped %2 in a year with %3 on hand on average.</source>
        <translation>预测每天 %1；一年出库 %2，平均在库 %3。</translation>
    </message>
    <message>
        <source>transfer %1 to %2: it sells %3 a day there, which has %4 and needs %5 for %6 days.</source>
        <translation>调拨 %1 到 %2：该仓每天销售 %3，现有 %4，按 %6 天计还需要 %5。</translation>
    </message>
    <message>
        <source>promote it (a discount, a kit, a live stream) to free the money tied up; buy no more.</source>
        <translation>做促销（打折、组合套装、直播）以释放占用资金；不再采购。</translation>
    </message>
    <message>
        <source>buy no more until it has sold down to %1 days of cover.</source>
        <translation>暂停采购，直到库存降到可售 %1 天。</translation>
    </message>
</context>
<context>
    <name>FixOrderDialog</name>
    <message>
        <source>Fix the order</source>
        <translation>修正订单</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>收货人</translation>
    </message>
    <message>
        <source>Lines not mapped to our SKUs</source>
        <translation>未对应到本公司 SKU 的明细</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>重新校验</translation>
    </message>
    <message>
        <source>This order does not exist any more.</source>
        <translation>该订单已不存在。</translation>
    </message>
    <message>
        <source>Map to our SKU…</source>
        <translation>对应到本公司 SKU…</translation>
    </message>
    <message>
        <source>The line has no SKU code of the shop to map</source>
        <translation>该明细没有店铺商家编码，无法对应</translation>
    </message>
    <message>
        <source>✓ No problems left: the order is back in the review queue.</source>
        <translation>✓ 问题已全部解决：订单已回到待审核队列。</translation>
    </message>
</context>
<context>
    <name>FulfilActions</name>
    <message>
        <source>Print &amp;invoices (发货单)…</source>
        <translation>打印发货单(&amp;I)…</translation>
    </message>
    <message>
        <source>An invoice per selected order, all in one PDF (Ctrl+P)</source>
        <translation>所选订单每单一张发货单，合成一个 PDF (Ctrl+P)</translation>
    </message>
    <message>
        <source>Print packing &amp;slips…</source>
        <translation>打印装箱单(&amp;S)…</translation>
    </message>
    <message>
        <source>A packing slip per selected order, all in one PDF (Ctrl+Shift+P)</source>
        <translation>所选订单每单一张装箱单，合成一个 PDF (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <source>Create &amp;wave</source>
        <translation>生成波次(&amp;W)</translation>
    </message>
    <message>
        <source>Put the selected approved orders into a wave for picking, by warehouse and carriers (Ctrl+Alt+W)</source>
        <translation>把所选的已审核订单按仓库和快递公司生成拣货波次 (Ctrl+Alt+W)</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Print the selected orders&apos; invoices (发货单) or packing slips</source>
        <translation>打印所选订单的发货单或装箱单</translation>
    </message>
    <message>
        <source>invoices-%1.pdf</source>
        <translation>发货单-%1.pdf</translation>
    </message>
    <message>
        <source>packing-slips-%1.pdf</source>
        <translation>装箱单-%1.pdf</translation>
    </message>
    <message>
        <source>%1 document(s), %2 page(s) in the preview: print or save them there.</source>
        <translation>%1 份单据（%2 页）已在预览中：可在预览里打印或保存。</translation>
    </message>
    <message>
        <source>%1 document(s), %2 page(s) saved to %3</source>
        <translation>%1 份单据（%2 页）已保存到 %3</translation>
    </message>
    <message>
        <source>No wave was made: the selected orders need a warehouse and a carrier, and must not be in a wave already.</source>
        <translation>没有生成波次：所选订单需要已分配仓库和快递公司，且不在其他波次中。</translation>
    </message>
    <message numerus="yes">
        <source>%n wave(s) made for picking: %1 (%2 orders)</source>
        <translation>
            <numerusform>已生成 %n 个拣货波次：%1（%2 个订单）</numerusform>
        </translation>
    </message>
    <message>
        <source>Creating waves…</source>
        <translation>正在生成波次…</translation>
    </message>
</context>
<context>
    <name>FulfilmentDock</name>
    <message>
        <source>Fulfilment</source>
        <translation>履约发货</translation>
    </message>
    <message>
        <source>Waves</source>
        <translation>波次</translation>
    </message>
    <message>
        <source>Shipments</source>
        <translation>发货记录</translation>
    </message>
    <message>
        <source>Carriers</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <source>F&amp;ulfilment</source>
        <translation>履约(&amp;U)</translation>
    </message>
    <message>
        <source>Scanned %1: no wave and no parcel has this number.</source>
        <translation>扫描到 %1：没有波次或包裹是这个号码。</translation>
    </message>
    <message>
        <source>Wave %1 is %2.</source>
        <translation>波次 %1 %2。</translation>
    </message>
    <message>
        <source>%1 document(s), %2 page(s) in the preview: print or save them there.</source>
        <translation>%1 份单据（%2 页）已在预览中：可在预览里打印或保存。</translation>
    </message>
    <message>
        <source>%1 document(s), %2 page(s) saved to %3</source>
        <translation>%1 份单据（%2 页）已保存到 %3</translation>
    </message>
    <message>
        <source>waves.xlsx</source>
        <translation>波次.xlsx</translation>
    </message>
    <message>
        <source>shipments.xlsx</source>
        <translation>发货记录.xlsx</translation>
    </message>
    <message>
        <source>carriers.xlsx</source>
        <translation>快递公司.xlsx</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出到 Excel</translation>
    </message>
    <message>
        <source>Excel files (*.xlsx)</source>
        <translation>Excel 文件 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>正在导出到 %1…</translation>
    </message>
    <message>
        <source>Exported to %1 (rows: %2)</source>
        <translation>已导出到 %1（%2 行）</translation>
    </message>
</context>
<context>
    <name>GlobalSearch</name>
    <message>
        <source>Search SKUs: code, name, barcode, pinyin (Ctrl+K)</source>
        <translation>搜索 SKU：编码、名称、条码、拼音首字母 (Ctrl+K)</translation>
    </message>
    <message>
        <source>No SKU found for “%1”</source>
        <translation>没有找到“%1”对应的 SKU</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import orders</source>
        <translation>导入订单</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Drop the order export here, or choose the file(s). Taobao and Tmall export two files (the order report and the item report): import both at once.</source>
        <translation>把订单导出文件拖到这里，或选择文件。淘宝和天猫导出两个文件（订单报表和宝贝报表）：请一起导入。</translation>
    </message>
    <message>
        <source>Choose files…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Columns…</source>
        <translation>对应列…</translation>
    </message>
    <message>
        <source>Choose which column of the file holds which field</source>
        <translation>选择文件中哪一列对应哪个字段</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Order export files</source>
        <translation>订单导出文件</translation>
    </message>
    <message>
        <source>Order exports (*.csv *.xlsx *.txt *.tsv);;All files (*)</source>
        <translation>订单导出文件 (*.csv *.xlsx *.txt *.tsv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>No file chosen yet.</source>
        <translation>尚未选择文件。</translation>
    </message>
    <message>
        <source>There is no shop to import into: add one first.</source>
        <translation>没有可导入的店铺：请先添加店铺。</translation>
    </message>
    <message>
        <source>Detected: %1 order export</source>
        <translation>已识别：%1 订单导出文件</translation>
    </message>
    <message>
        <source>but the shop is on %1: check the shop</source>
        <translation>但该店铺属于 %1：请检查所选店铺</translation>
    </message>
    <message>
        <source>Not a platform export we know: choose its columns (Columns…).</source>
        <translation>不是已知平台的导出格式：请选择对应列（对应列…）。</translation>
    </message>
    <message>
        <source>Not a platform export we know: read with the columns chosen (%1 fields).</source>
        <translation>不是已知平台的导出格式：将按所选对应列读取（%1 个字段）。</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <source>Created: %1    Updated: %2    Unchanged: %3    Rejected rows: %4</source>
        <translation>新建：%1    更新：%2    未变：%3    被拒绝的行：%4</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Columns not used: %1</source>
        <translation>未使用的列：%1</translation>
    </message>
    <message>
        <source>These rows were not imported. Correct them in the file and import it again: rows already imported are not duplicated.</source>
        <translation>以下行未导入。请在文件中更正后重新导入：已导入的行不会重复。</translation>
    </message>
    <message>
        <source>Every row was imported.</source>
        <translation>所有行均已导入。</translation>
    </message>
</context>
<context>
    <name>ImportSummaryDialog</name>
    <message>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <source>New: %1    Updated: %2    Unchanged: %3    Not paid yet: %4    Rejected: %5</source>
        <translation>新增：%1    更新：%2    未变化：%3    未付款：%4    被拒绝：%5</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>These rows were not imported. Correct them in the file and import it again: orders already imported are updated, never duplicated.</source>
        <translation>以下行未导入。请在文件中修正后重新导入：已导入的订单只会更新，不会重复。</translation>
    </message>
    <message>
        <source>Every row was imported.</source>
        <translation>所有行均已导入。</translation>
    </message>
</context>
<context>
    <name>JobsDialog</name>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Background jobs</source>
        <translation>后台任务</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>计划时间</translation>
    </message>
    <message>
        <source>Every open client and `erp-desktop worker` run due jobs; each runs once. A failed job is tried again later, its error kept here.</source>
        <translation>每个打开的客户端和 `erp-desktop worker` 都会执行到期的任务，每个任务只执行一次。失败的任务稍后重试，错误记录在此。</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>完成时间</translation>
    </message>
    <message>
        <source>For</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>最近错误</translation>
    </message>
    <message>
        <source>Orders waiting for stock</source>
        <translation>缺货等待的订单</translation>
    </message>
    <message>
        <source>Pull orders</source>
        <translation>拉取订单</translation>
    </message>
    <message>
        <source>Push stock</source>
        <translation>推送库存</translation>
    </message>
    <message>
        <source>Run by</source>
        <translation>执行者</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Stock file</source>
        <translation>库存文件</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>已放弃</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) gave up after their last try.</source>
        <translation>
            <numerusform>%n 个任务在最后一次尝试后放弃。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Finance</source>
        <translation>财务</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>运营</translation>
    </message>
    <message>
        <source>Customer service</source>
        <translation>客服</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Warehouse lead</source>
        <translation>仓库主管</translation>
    </message>
    <message>
        <source>Purchasing</source>
        <translation>采购</translation>
    </message>
    <message>
        <source>Viewer</source>
        <translation>只读用户</translation>
    </message>
</context>
<context>
    <name>LotPicker</name>
    <message>
        <source>(no lot) · %1</source>
        <translation>（无批次）· %1</translation>
    </message>
    <message>
        <source>expires %1</source>
        <translation>%1 到期</translation>
    </message>
    <message>
        <source>(no lot)</source>
        <translation>（无批次）</translation>
    </message>
</context>
<context>
    <name>LowStockAlerts</name>
    <message>
        <source>Below safety stock</source>
        <translation>低于安全库存</translation>
    </message>
    <message>
        <source>%1 %2 in %3: available %4, safety stock %5</source>
        <translation>%3 的 %1 %2：可用 %4，安全库存 %5</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>erp-desktop — %1</source>
        <translation>erp-desktop — %1</translation>
    </message>
    <message>
        <source>(demo)</source>
        <translation>（演示）</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Import SKUs…</source>
        <translation>导入 SKU(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Connect to server…</source>
        <translation>连接服务器(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Packing station</source>
        <translation>打包台(&amp;P)</translation>
    </message>
    <message>
        <source>F&amp;ulfilment</source>
        <translation>履约(&amp;U)</translation>
    </message>
    <message>
        <source>Print the packing station&apos;s &amp;command sheet…</source>
        <translation>打印打包台指令条码(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Admin</source>
        <translation>管理(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Users…</source>
        <translation>用户(&amp;U)…</translation>
    </message>
    <message>
        <source>&amp;Background jobs…</source>
        <translation>后台任务(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Devices…</source>
        <translation>设备(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Search SKUs</source>
        <translation>搜索 SKU(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Reset layout</source>
        <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About erp-desktop</source>
        <translation>关于 erp-desktop(&amp;A)</translation>
    </message>
    <message>
        <source>Packing station commands</source>
        <translation>打包台指令条码</translation>
    </message>
    <message>
        <source>Connect to server</source>
        <translation>连接服务器</translation>
    </message>
    <message>
        <source>The new connection is used from the next start. Restart erp-desktop now?</source>
        <translation>新的连接将在下次启动时生效。现在重新启动 erp-desktop 吗？</translation>
    </message>
    <message>
        <source>Embedded database %1 · %2</source>
        <translation>内置数据库 %1 · %2</translation>
    </message>
    <message>
        <source>Shared server %1 · %2</source>
        <translation>共享服务器 %1 · %2</translation>
    </message>
    <message>
        <source>DEMO</source>
        <translation>演示</translation>
    </message>
    <message>
        <source>superuser</source>
        <translation>超级用户</translation>
    </message>
    <message>
        <source>User: %1 (%2)</source>
        <translation>用户：%1（%2）</translation>
    </message>
    <message>
        <source>● Live updates: connecting…</source>
        <translation>● 实时更新：连接中…</translation>
    </message>
    <message>
        <source>● Live updates: on</source>
        <translation>● 实时更新：已连接</translation>
    </message>
    <message>
        <source>● Live updates: disconnected</source>
        <translation>● 实时更新：已断开</translation>
    </message>
    <message>
        <source>Changes made by others show here within a second while live updates are on.</source>
        <translation>实时更新连接时，其他人所做的修改会在一秒内显示在这里。</translation>
    </message>
    <message>
        <source>Unknown barcode: %1</source>
        <translation>未知条码：%1</translation>
    </message>
    <message>
        <source>About erp-desktop</source>
        <translation>关于 erp-desktop</translation>
    </message>
    <message>
        <source>&lt;b&gt;erp-desktop %1&lt;/b&gt;&lt;p&gt;The ERP for companies that sell on several platforms at once: catalogue, stock, orders, fulfilment and finance on one PostgreSQL database.&lt;/p&gt;&lt;p&gt;Qt %2 · PySide6&lt;/p&gt;</source>
        <translation>&lt;b&gt;erp-desktop %1&lt;/b&gt;&lt;p&gt;面向多平台同时销售的电商企业的 ERP：商品、库存、订单、发货与财务，全部基于同一个 PostgreSQL 数据库。&lt;/p&gt;&lt;p&gt;Qt %2 · PySide6&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>ManualOrderDialog</name>
    <message>
        <source>Manual order</source>
        <translation>手工订单</translation>
    </message>
    <message>
        <source>Order and buyer</source>
        <translation>订单与买家</translation>
    </message>
    <message>
        <source>Empty: numbered M000123</source>
        <translation>留空则自动编号</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <source>Buyer message</source>
        <translation>买家留言</translation>
    </message>
    <message>
        <source>Seller memo</source>
        <translation>卖家备注</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>收货人</translation>
    </message>
    <message>
        <source>Paste a whole address here to fill the fields below</source>
        <translation>在此粘贴完整地址，自动填写下面各项</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Province / city / district</source>
        <translation>省 / 市 / 区</translation>
    </message>
    <message>
        <source>Street address</source>
        <translation>详细地址</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>邮编</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>明细</translation>
    </message>
    <message>
        <source>SKU code or barcode</source>
        <translation>SKU 编码或条码</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>商品名称</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Add line</source>
        <translation>添加明细</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>删除明细</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <source>Shipping</source>
        <translation>运费</translation>
    </message>
    <message>
        <source>Save order</source>
        <translation>保存订单</translation>
    </message>
    <message>
        <source>Unknown SKU</source>
        <translation>未知 SKU</translation>
    </message>
    <message>
        <source>Total: %1</source>
        <translation>合计：%1</translation>
    </message>
    <message>
        <source>✓ The order passes the checks.</source>
        <translation>✓ 订单通过校验。</translation>
    </message>
    <message>
        <source>Save anyway</source>
        <translation>仍然保存</translation>
    </message>
    <message>
        <source>Saved like this, the order goes to the exception queue until this is fixed.</source>
        <translation>按现状保存，订单将进入异常队列，直到问题修正。</translation>
    </message>
    <message>
        <source>Saving the order…</source>
        <translation>正在保存订单…</translation>
    </message>
</context>
<context>
    <name>MapSkuDialog</name>
    <message>
        <source>Map to our SKU</source>
        <translation>对应到本公司 SKU</translation>
    </message>
    <message>
        <source>The shop sells &lt;b&gt;%1&lt;/b&gt; %2. Which of our SKUs is it? The mapping is remembered for the shop and fixes every open order waiting on it.</source>
        <translation>店铺销售的是 &lt;b&gt;%1&lt;/b&gt; %2。它对应本公司哪个 SKU？对应关系会为该店铺记住，并修正所有等待它的未完成订单。</translation>
    </message>
    <message>
        <source>How many of our SKU one of the shop&apos;s is (2 for a two-pack)</source>
        <translation>店铺的一件相当于本公司 SKU 的数量（两件装填 2）</translation>
    </message>
    <message>
        <source>Our SKU</source>
        <translation>本公司 SKU</translation>
    </message>
    <message>
        <source>Ours per platform unit</source>
        <translation>每件平台商品对应数量</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>对应</translation>
    </message>
    <message>
        <source>Choose one of our SKUs first.</source>
        <translation>请先选择本公司的 SKU。</translation>
    </message>
    <message>
        <source>The quantity must be more than zero.</source>
        <translation>数量必须大于零。</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>The shop&apos;s SKU or outer code (商家编码) → our SKU or kit, and how many of ours one of theirs is. Orders use it from their import on; open orders waiting on it are fixed when it is saved.</source>
        <translation>店铺的 SKU 或商家编码 → 我们的 SKU 或组合装，以及店铺的一件等于我们的几件。导入订单时即按此对应；保存后，等待此对应的未完成订单会自动修正。</translation>
    </message>
    <message>
        <source>Search either code</source>
        <translation>搜索任一编码</translation>
    </message>
    <message>
        <source>Shop&apos;s SKU</source>
        <translation>店铺 SKU</translation>
    </message>
    <message>
        <source>Our SKU</source>
        <translation>我们的 SKU</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Ours per unit</source>
        <translation>每件对应数量</translation>
    </message>
    <message>
        <source>Our SKU code or barcode</source>
        <translation>我们的 SKU 编码或条码</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>The shop&apos;s SKU</source>
        <translation>店铺 SKU</translation>
    </message>
    <message>
        <source>The quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Mapping saved.</source>
        <translation>对应关系已保存。</translation>
    </message>
    <message numerus="yes">
        <source>%n open order(s) fixed.</source>
        <translation>
            <numerusform>已修正 %n 个未完成订单。</numerusform>
        </translation>
    </message>
    <message>
        <source>Mapping deleted.</source>
        <translation>对应关系已删除。</translation>
    </message>
    <message>
        <source>There was no such mapping.</source>
        <translation>没有这条对应关系。</translation>
    </message>
</context>
<context>
    <name>MergeSuggestionsDialog</name>
    <message>
        <source>Merge suggestions</source>
        <translation>合单建议</translation>
    </message>
    <message>
        <source>Orders of one buyer, to one address, from one shop that are not shipped yet can ship as one parcel. The oldest order takes the others&apos; lines and keeps every platform order number.</source>
        <translation>同一店铺、同一买家、同一地址且尚未发货的订单可以合并为一个包裹发出。最早的订单接收其他订单的商品行，并保留所有平台订单号。</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>收货人</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>No orders to merge now.</source>
        <translation>目前没有可合并的订单。</translation>
    </message>
    <message>
        <source>Merged %1 into one parcel.</source>
        <translation>已将 %1 合并为一个包裹。</translation>
    </message>
</context>
<context>
    <name>MoreActions</name>
    <message>
        <source>Assign &amp;warehouse…</source>
        <translation>指定仓库(&amp;W)…</translation>
    </message>
    <message>
        <source>Ship the selected orders from a warehouse of your choice (Ctrl+Shift+W)</source>
        <translation>所选订单从指定的仓库发货（Ctrl+Shift+W）</translation>
    </message>
    <message>
        <source>Assign &amp;carrier…</source>
        <translation>指定快递(&amp;C)…</translation>
    </message>
    <message>
        <source>Ship the selected orders with a carrier and service of your choice (Ctrl+Shift+C)</source>
        <translation>所选订单用指定的快递和服务发货（Ctrl+Shift+C）</translation>
    </message>
    <message>
        <source>Assign &amp;handler…</source>
        <translation>指定处理人(&amp;H)…</translation>
    </message>
    <message>
        <source>Hand the selected orders to a person (Ctrl+Shift+U)</source>
        <translation>把所选订单交给某人处理（Ctrl+Shift+U）</translation>
    </message>
    <message>
        <source>&amp;Merge</source>
        <translation>合单(&amp;M)</translation>
    </message>
    <message>
        <source>Merge the selected orders of one buyer into one parcel (Ctrl+M)</source>
        <translation>把同一买家的所选订单合并为一个包裹（Ctrl+M）</translation>
    </message>
    <message>
        <source>Merge s&amp;uggestions…</source>
        <translation>合单建议(&amp;U)…</translation>
    </message>
    <message>
        <source>Orders of one buyer that could ship as one parcel (Ctrl+Shift+M)</source>
        <translation>同一买家可合并为一个包裹发货的订单（Ctrl+Shift+M）</translation>
    </message>
    <message>
        <source>&amp;Split…</source>
        <translation>拆单(&amp;S)…</translation>
    </message>
    <message>
        <source>Split the order&apos;s lines into parcels that ship on their own (Ctrl+Shift+S)</source>
        <translation>把订单的商品行拆成分别发货的包裹（Ctrl+Shift+S）</translation>
    </message>
    <message>
        <source>&amp;Rules…</source>
        <translation>规则(&amp;R)…</translation>
    </message>
    <message>
        <source>Review, warehouse, carrier and assignment rules: edit, dry-run, re-apply</source>
        <translation>审单、分仓、快递和分配规则：编辑、试运行、重新应用</translation>
    </message>
    <message>
        <source>S&amp;hops…</source>
        <translation>店铺(&amp;H)…</translation>
    </message>
    <message>
        <source>Shops: API settings and credentials, stock publishing, SKU mapping, stock files</source>
        <translation>店铺：接口设置与凭据、库存发布、SKU 对应、库存文件</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>指定</translation>
    </message>
    <message>
        <source>Assign a warehouse, carrier or handler to the selected orders</source>
        <translation>为所选订单指定仓库、快递或处理人</translation>
    </message>
    <message>
        <source>Assigned: %1 of %2</source>
        <translation>已指定：%1 / %2</translation>
    </message>
    <message>
        <source> (the others are picked, shipped or cancelled already)</source>
        <translation>（其余订单已在拣货、已发货或已取消）</translation>
    </message>
    <message numerus="yes">
        <source>Assigning %n order(s)…</source>
        <translation>
            <numerusform>正在指定 %n 个订单…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Merging %n order(s)…</source>
        <translation>
            <numerusform>正在合并 %n 个订单…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Merged %n order(s) into one parcel; it is reviewed again.</source>
        <translation>
            <numerusform>已将 %n 个订单合并为一个包裹，并重新审单。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Split into %n order(s); each is reviewed again.</source>
        <translation>
            <numerusform>已拆成 %n 个订单，各自重新审单。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MoveTableModel</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>What</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>To</source>
        <translation>去向</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>单据</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
</context>
<context>
    <name>OrderDetailPanel</name>
    <message>
        <source>Fix problems…</source>
        <translation>修正问题…</translation>
    </message>
    <message>
        <source>Correct the receiver&apos;s fields or map unknown SKUs, then check again</source>
        <translation>修正收货信息或对应未知 SKU，然后重新校验</translation>
    </message>
    <message>
        <source>Customer and address</source>
        <translation>客户与地址</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>收货人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>邮编</translation>
    </message>
    <message>
        <source>Buyer message</source>
        <translation>买家留言</translation>
    </message>
    <message>
        <source>Seller memo</source>
        <translation>卖家备注</translation>
    </message>
    <message>
        <source>Amounts</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Goods</source>
        <translation>商品金额</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <source>Shipping</source>
        <translation>运费</translation>
    </message>
    <message>
        <source>Paid by the buyer</source>
        <translation>买家实付</translation>
    </message>
    <message>
        <source>Platform fee</source>
        <translation>平台费用</translation>
    </message>
    <message>
        <source>Net after fees</source>
        <translation>扣费后净额</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>On the platform</source>
        <translation>平台状态</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>付款时间</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <source>Tracking number</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Platform SKU</source>
        <translation>平台商家编码</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>规格</translation>
    </message>
    <message>
        <source>Our SKU</source>
        <translation>本公司 SKU</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Our quantity</source>
        <translation>本公司数量</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>明细</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Platform data</source>
        <translation>平台原始数据</translation>
    </message>
    <message>
        <source>No order selected</source>
        <translation>未选择订单</translation>
    </message>
    <message>
        <source>This order does not exist any more.</source>
        <translation>该订单已不存在。</translation>
    </message>
    <message>
        <source>Lines (%1)</source>
        <translation>明细（%1）</translation>
    </message>
    <message>
        <source>Timeline (%1)</source>
        <translation>时间线（%1）</translation>
    </message>
    <message>
        <source> ext. %1</source>
        <translation> 转 %1</translation>
    </message>
    <message>
        <source>As written: %1</source>
        <translation>原始地址：%1</translation>
    </message>
    <message>
        <source>not mapped</source>
        <translation>未对应</translation>
    </message>
    <message>
        <source>reserved</source>
        <translation>已占用</translation>
    </message>
    <message>
        <source>The shop&apos;s SKU %1 is not mapped to one of ours</source>
        <translation>店铺商家编码 %1 尚未对应到本公司 SKU</translation>
    </message>
</context>
<context>
    <name>OrderFilterBar</name>
    <message>
        <source>Search: order number, buyer, phone or tracking number</source>
        <translation>搜索：订单号、买家、电话或运单号</translation>
    </message>
    <message>
        <source>Paid from</source>
        <translation>付款起始</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>省份</translation>
    </message>
    <message>
        <source>SKU code</source>
        <translation>SKU 编码</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>付款时间</translation>
    </message>
    <message>
        <source>any</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>All shops</source>
        <translation>全部店铺</translation>
    </message>
    <message>
        <source>All platforms</source>
        <translation>全部平台</translation>
    </message>
    <message>
        <source>All handlers</source>
        <translation>全部处理人</translation>
    </message>
    <message>
        <source>All rules</source>
        <translation>全部规则</translation>
    </message>
</context>
<context>
    <name>OrderTableModel</name>
    <message>
        <source>Order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>付款时间</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>收货人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>省份</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Paid amount</source>
        <translation>实付金额</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <source>Tracking number</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Buyer message</source>
        <translation>买家留言</translation>
    </message>
    <message>
        <source>Seller memo</source>
        <translation>卖家备注</translation>
    </message>
    <message>
        <source>(+%1 more)</source>
        <translation>（另有 %1 项）</translation>
    </message>
</context>
<context>
    <name>OrderTexts</name>
    <message>
        <source>To review</source>
        <translation>待审核</translation>
    </message>
    <message>
        <source>Exceptions</source>
        <translation>异常</translation>
    </message>
    <message>
        <source>Waiting for stock</source>
        <translation>缺货等待</translation>
    </message>
    <message>
        <source>Exception</source>
        <translation>异常</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已审核</translation>
    </message>
    <message>
        <source>Picking</source>
        <translation>拣货中</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Not paid</source>
        <translation>未付款</translation>
    </message>
    <message>
        <source>Paid, to ship</source>
        <translation>已付款，待发货</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>交易成功</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>交易关闭</translation>
    </message>
    <message>
        <source>Refund requested</source>
        <translation>退款中</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <source>Line %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Order lines</source>
        <translation>订单明细</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>收货人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>省份</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>Street address</source>
        <translation>详细地址</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>邮编</translation>
    </message>
    <message>
        <source>Seller memo</source>
        <translation>卖家备注</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家</translation>
    </message>
    <message>
        <source>Paid at</source>
        <translation>付款时间</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>is missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>is not valid</source>
        <translation>无效</translation>
    </message>
    <message>
        <source>is masked by the platform</source>
        <translation>被平台打码</translation>
    </message>
    <message>
        <source>is masked and cannot be used</source>
        <translation>被打码且无法使用</translation>
    </message>
    <message>
        <source>is not one of our SKUs (map it to ours)</source>
        <translation>不是本公司的 SKU（请对应到本公司 SKU）</translation>
    </message>
    <message>
        <source>is not a known province</source>
        <translation>无法识别</translation>
    </message>
    <message>
        <source>is not a known city</source>
        <translation>无法识别</translation>
    </message>
    <message>
        <source>is not in this province</source>
        <translation>不属于该省份</translation>
    </message>
    <message>
        <source>is not a known district</source>
        <translation>无法识别</translation>
    </message>
    <message>
        <source>is not in this city</source>
        <translation>不属于该城市</translation>
    </message>
    <message>
        <source>is too short to deliver to</source>
        <translation>过短，无法投递</translation>
    </message>
    <message>
        <source>is a landline number without its area code</source>
        <translation>是缺少区号的固定电话</translation>
    </message>
    <message>
        <source>is not a postal code</source>
        <translation>不是有效的邮编</translation>
    </message>
    <message>
        <source>belongs to another province</source>
        <translation>属于其他省份</translation>
    </message>
    <message>
        <source>is not an amount</source>
        <translation>不是有效的金额</translation>
    </message>
    <message>
        <source>is not a date</source>
        <translation>不是有效的日期</translation>
    </message>
    <message>
        <source>is not a quantity</source>
        <translation>不是有效的数量</translation>
    </message>
    <message>
        <source>is an order status we do not know</source>
        <translation>是无法识别的订单状态</translation>
    </message>
    <message>
        <source>is not a number</source>
        <translation>不是有效的数字</translation>
    </message>
    <message>
        <source>was refused by the database</source>
        <translation>被数据库拒绝</translation>
    </message>
    <message>
        <source>is not an order number</source>
        <translation>不是有效的订单号</translation>
    </message>
    <message>
        <source>cannot be read</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>names an order that is not in the order report</source>
        <translation>所属订单不在订单报表中</translation>
    </message>
    <message>
        <source>has no items in the item report</source>
        <translation>在宝贝报表中没有商品</translation>
    </message>
    <message>
        <source>belongs to an order with a bad row</source>
        <translation>所属订单有错误行</translation>
    </message>
    <message>
        <source>lists the same item twice</source>
        <translation>同一商品出现两次</translation>
    </message>
    <message>
        <source>the file has no such column</source>
        <translation>文件中没有该列</translation>
    </message>
    <message>
        <source>a file of the export is missing</source>
        <translation>缺少导出文件之一</translation>
    </message>
    <message>
        <source>no column of the file is chosen for it</source>
        <translation>尚未为其选择文件中的列</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>文件为空</translation>
    </message>
    <message>
        <source>the file cannot be read</source>
        <translation>文件无法读取</translation>
    </message>
    <message>
        <source>Not enough stock</source>
        <translation>库存不足</translation>
    </message>
    <message>
        <source>No rule approved it</source>
        <translation>没有规则通过审核</translation>
    </message>
    <message>
        <source>The buyer asked for a refund</source>
        <translation>买家申请退款</translation>
    </message>
    <message>
        <source>The buyer asked to cancel (already picking)</source>
        <translation>买家要求取消（已在拣货）</translation>
    </message>
    <message>
        <source>Shipped elsewhere, says the platform</source>
        <translation>平台显示已在别处发货</translation>
    </message>
    <message>
        <source>No one warehouse can ship it all: split it</source>
        <translation>没有单个仓库能全部发货：请拆单</translation>
    </message>
    <message>
        <source>Rejected by a rule</source>
        <translation>被规则拒绝</translation>
    </message>
    <message>
        <source>Refunded on the platform</source>
        <translation>平台已退款</translation>
    </message>
    <message>
        <source>Closed on the platform</source>
        <translation>平台已关闭交易</translation>
    </message>
    <message>
        <source>Its warehouse was changed: approve it again</source>
        <translation>仓库已更改：请重新审核</translation>
    </message>
    <message>
        <source>Merged into another order</source>
        <translation>已合并到另一个订单</translation>
    </message>
    <message>
        <source>An order merged into it was cancelled by the buyer</source>
        <translation>合并进来的某个订单已被买家取消</translation>
    </message>
    <message>
        <source>The buyer asked to wait</source>
        <translation>买家要求暂缓发货</translation>
    </message>
    <message>
        <source>Address to confirm with the buyer</source>
        <translation>地址需与买家确认</translation>
    </message>
    <message>
        <source>Stock to check</source>
        <translation>库存需核实</translation>
    </message>
    <message>
        <source>Suspected fraud</source>
        <translation>疑似欺诈</translation>
    </message>
    <message>
        <source>The buyer asked to cancel</source>
        <translation>买家要求取消</translation>
    </message>
    <message>
        <source>Out of stock</source>
        <translation>缺货</translation>
    </message>
    <message>
        <source>Duplicate order</source>
        <translation>重复订单</translation>
    </message>
    <message>
        <source>the order does not exist any more</source>
        <translation>订单已不存在</translation>
    </message>
    <message>
        <source>the order is not open for review any more</source>
        <translation>订单已不在可审核状态</translation>
    </message>
    <message>
        <source>the order has problems to fix first</source>
        <translation>订单有问题需先修正</translation>
    </message>
    <message>
        <source>no warehouse can ship it</source>
        <translation>没有仓库能发货</translation>
    </message>
    <message>
        <source>the orders are not of one buyer, address and shop</source>
        <translation>这些订单不属于同一买家、地址和店铺</translation>
    </message>
    <message>
        <source>it takes two orders or more</source>
        <translation>至少需要两个订单</translation>
    </message>
    <message>
        <source>every part needs a line</source>
        <translation>每一部分都至少需要一行商品</translation>
    </message>
    <message>
        <source>the lines changed meanwhile</source>
        <translation>商品行已被他人更改</translation>
    </message>
    <message>
        <source>Only orders not yet picked or shipped can be merged or split.</source>
        <translation>只有尚未拣货或发货的订单可以合单或拆单。</translation>
    </message>
    <message>
        <source>An order still has problems: fix it first.</source>
        <translation>有订单仍有异常：请先处理。</translation>
    </message>
    <message>
        <source>Only orders of one buyer, to one address, from one shop can be merged.</source>
        <translation>只有同一店铺、同一买家、同一地址的订单可以合单。</translation>
    </message>
    <message>
        <source>Select two or more orders to merge.</source>
        <translation>请选择两个或更多订单进行合单。</translation>
    </message>
    <message>
        <source>Every part needs at least one line.</source>
        <translation>每一部分都至少需要一行商品。</translation>
    </message>
    <message>
        <source>The order&apos;s lines changed meanwhile: open it again.</source>
        <translation>订单的商品行已被他人更改：请重新打开。</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>a field, then what is wrong with it</comment>
        <translation>%1%2</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>Updated by the platform</source>
        <translation>平台更新</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>已校验</translation>
    </message>
    <message>
        <source>Rule applied</source>
        <translation>规则生效</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>已审核</translation>
    </message>
    <message>
        <source>Stock reserved</source>
        <translation>库存已占用</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>挂起</translation>
    </message>
    <message>
        <source>Cancelled on the platform</source>
        <translation>平台取消</translation>
    </message>
    <message>
        <source>Buyer asked to cancel</source>
        <translation>买家要求取消</translation>
    </message>
    <message>
        <source>Buyer asked for a refund</source>
        <translation>买家申请退款</translation>
    </message>
    <message>
        <source>Shipped elsewhere</source>
        <translation>已在别处发货</translation>
    </message>
    <message>
        <source>Corrected</source>
        <translation>已修正</translation>
    </message>
    <message>
        <source>SKU mapped</source>
        <translation>SKU 已对应</translation>
    </message>
    <message>
        <source>Merged</source>
        <translation>已合并</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>已拆分</translation>
    </message>
    <message>
        <source>Split off an order</source>
        <translation>从订单拆出</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>已分配</translation>
    </message>
    <message>
        <source>Warehouse and carrier chosen</source>
        <translation>已选仓库和快递</translation>
    </message>
    <message>
        <source>Picking started</source>
        <translation>开始拣货</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>approve</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <source>hold for a person</source>
        <translation>转人工审核</translation>
    </message>
    <message>
        <source>reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>%1 in %2: wanted %3, available %4</source>
        <translation>%1 在 %2：需要 %3，可用 %4</translation>
    </message>
    <message>
        <source>to %1</source>
        <translation>转为%1</translation>
    </message>
    <message>
        <source>fields: %1</source>
        <translation>字段：%1</translation>
    </message>
    <message>
        <source>no rule matched</source>
        <translation>无匹配规则</translation>
    </message>
    <message>
        <source>because %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <source>warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>carrier</source>
        <translation>快递</translation>
    </message>
    <message>
        <source>handler</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>new %1</source>
        <translation>新的%1</translation>
    </message>
    <message>
        <source>problems: %1</source>
        <translation>问题：%1 个</translation>
    </message>
    <message>
        <source>no problems</source>
        <translation>无问题</translation>
    </message>
</context>
<context>
    <name>OrdersDock</name>
    <message>
        <source>No SKU has the code or barcode %1.</source>
        <translation>没有 SKU 的编码或条码是 %1。</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>审核通过(&amp;A)</translation>
    </message>
    <message>
        <source>Approve the selected orders: their stock is reserved (Ctrl+Enter)</source>
        <translation>审核通过所选订单：占用其库存（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>&amp;Hold…</source>
        <translation>挂起(&amp;H)…</translation>
    </message>
    <message>
        <source>Put the selected orders on hold with a reason (Ctrl+H)</source>
        <translation>填写原因后挂起所选订单（Ctrl+H）</translation>
    </message>
    <message>
        <source>Cancel &amp;order…</source>
        <translation>取消订单(&amp;O)…</translation>
    </message>
    <message>
        <source>Cancel the selected orders with a reason; reserved stock goes back</source>
        <translation>填写原因后取消所选订单；已占用的库存将释放</translation>
    </message>
    <message>
        <source>&amp;Fix…</source>
        <translation>修正(&amp;F)…</translation>
    </message>
    <message>
        <source>Correct the order&apos;s receiver or map its SKUs, and check again (F2)</source>
        <translation>修正收货信息或对应 SKU，并重新校验（F2）</translation>
    </message>
    <message>
        <source>&amp;Import orders…</source>
        <translation>导入订单(&amp;I)…</translation>
    </message>
    <message>
        <source>Import a platform&apos;s order export now (or drop the file here)</source>
        <translation>立即导入平台的订单导出文件（也可把文件拖到这里）</translation>
    </message>
    <message>
        <source>&amp;Pull from the shops now</source>
        <translation>立即从店铺拉取(&amp;P)</translation>
    </message>
    <message>
        <source>Fetch the new and changed orders of the shops with an API now (the filtered shop, else all of them)</source>
        <translation>立即拉取通过 API 对接的店铺的新订单和变更订单（已筛选店铺，否则全部）</translation>
    </message>
    <message>
        <source>&amp;Manual order…</source>
        <translation>手工订单(&amp;M)…</translation>
    </message>
    <message>
        <source>Enter an order taken by phone, offline or on WeChat (Ctrl+N)</source>
        <translation>录入电话、线下或微信订单（Ctrl+N）</translation>
    </message>
    <message>
        <source>E&amp;xport to Excel</source>
        <translation>导出到 Excel(&amp;X)</translation>
    </message>
    <message>
        <source>Export the orders shown (tab, filters, columns) to Excel</source>
        <translation>把显示的订单（标签页、筛选、列）导出到 Excel</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <source>Load the list again (F5)</source>
        <translation>重新加载列表（F5）</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>&amp;Orders</source>
        <translation>订单(&amp;O)</translation>
    </message>
    <message>
        <source>Orders shown: %1</source>
        <translation>显示订单：%1</translation>
    </message>
    <message>
        <source>Orders (%1)</source>
        <translation>订单（%1）</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) to review</source>
        <translation>
            <numerusform>%n 个订单待审核</numerusform>
        </translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Imported: %1 new, %2 updated, %3 rejected</source>
        <translation>已导入：新增 %1，更新 %2，被拒绝 %3</translation>
    </message>
    <message>
        <source>Order saved.</source>
        <translation>订单已保存。</translation>
    </message>
    <message>
        <source>Export orders to Excel</source>
        <translation>导出订单到 Excel</translation>
    </message>
    <message>
        <source>orders.xlsx</source>
        <translation>订单.xlsx</translation>
    </message>
    <message>
        <source>Excel files (*.xlsx)</source>
        <translation>Excel 文件 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exported to %1 (orders: %2)</source>
        <translation>已导出到 %1（订单：%2）</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>正在导出到 %1…</translation>
    </message>
</context>
<context>
    <name>PackingStation</name>
    <message>
        <source>Packing station</source>
        <translation>打包台</translation>
    </message>
    <message>
        <source>Packer: %1</source>
        <translation>打包员：%1</translation>
    </message>
    <message>
        <source>Scale: on</source>
        <translation>电子秤：已连接</translation>
    </message>
    <message>
        <source>No scale: type weights</source>
        <translation>无电子秤：手动输入重量</translation>
    </message>
    <message>
        <source>Label printer: %1</source>
        <translation>标签打印机：%1</translation>
    </message>
    <message>
        <source>No label printer</source>
        <translation>未设置标签打印机</translation>
    </message>
    <message>
        <source>Packing slips: on</source>
        <translation>装箱单：打印</translation>
    </message>
    <message>
        <source>Leave the packing station?</source>
        <translation>退出打包台？</translation>
    </message>
    <message>
        <source>The order in hand has not reached the database yet: leaving now stops it.</source>
        <translation>当前订单尚未写入数据库：现在退出将中止发货。</translation>
    </message>
    <message>
        <source>The order in hand is put aside; its scans are dropped.</source>
        <translation>当前订单将被搁置，已扫描的记录作废。</translation>
    </message>
    <message>
        <source>Scan an order, a picking list (wave) or a tracking number</source>
        <translation>请扫描订单、拣货单（波次）或快递单号</translation>
    </message>
    <message>
        <source>Weigh the parcel first: put it on the scale, or type its weight in kg and press Enter.</source>
        <translation>请先称重：把包裹放上电子秤，或输入重量（千克）后按回车。</translation>
    </message>
    <message>
        <source>The order is not shipped: scan *DONE* to try again or *CANCEL* to put it aside.</source>
        <translation>订单未发货：扫描 *DONE* 重试，或扫描 *CANCEL* 搁置。</translation>
    </message>
    <message>
        <source>%1 is an item (%2), but no order is open: scan the order first.</source>
        <translation>%1 是商品（%2），但尚未打开订单：请先扫描订单。</translation>
    </message>
    <message>
        <source>Unknown barcode %1: not an order, wave, tracking number or item.</source>
        <translation>未知条码 %1：不是订单、波次、快递单号或商品。</translation>
    </message>
    <message>
        <source>Order %1: scan its %2 items</source>
        <translation>订单 %1：请扫描其 %2 件商品</translation>
    </message>
    <message>
        <source>All %1 items scanned: weighing…</source>
        <translation>%1 件商品已全部扫描：正在称重…</translation>
    </message>
    <message>
        <source>✓ %1 %2  (%3 of %4)</source>
        <translation>✓ %1 %2 （%3 / %4）</translation>
    </message>
    <message>
        <source>Extra item: all %1 of %2 are scanned already. Not counted.</source>
        <translation>多扫商品：%2 的 %1 件已全部扫描，本次不计数。</translation>
    </message>
    <message>
        <source>%1 is not in this order. Not counted.</source>
        <translation>%1 不属于此订单，不计数。</translation>
    </message>
    <message>
        <source>Wrong item: %1 is not in this order. Not counted.</source>
        <translation>商品错误：%1 不属于此订单，不计数。</translation>
    </message>
    <message>
        <source>That is another order. Finish this one first, or scan *CANCEL* to put it aside.</source>
        <translation>这是另一个订单。请先完成当前订单，或扫描 *CANCEL* 搁置。</translation>
    </message>
    <message>
        <source>Unknown barcode %1. Not counted.</source>
        <translation>未知条码 %1，不计数。</translation>
    </message>
    <message>
        <source>Parcel %1: type its weight in kg and press Enter.</source>
        <translation>包裹 %1：请输入重量（千克）后按回车。</translation>
    </message>
    <message>
        <source>Weigh again (F5), or type the weight in kg and press Enter.</source>
        <translation>请重新称重（F5），或输入重量（千克）后按回车。</translation>
    </message>
    <message>
        <source>Weight %1 kg, expected %2 ± %3 kg. Check the parcel: weigh again (F5) or ship it as it is (F10, *DONE*).</source>
        <translation>重量 %1 kg，应为 %2 ± %3 kg。请检查包裹：重新称重（F5），或按原样发货（F10、*DONE*）。</translation>
    </message>
    <message>
        <source>Parcel %1: %2 kg. Parcel %3 is open: scan the rest.</source>
        <translation>包裹 %1：%2 kg。已开始包裹 %3：请扫描其余商品。</translation>
    </message>
    <message>
        <source>Shipped: %1 · %2</source>
        <translation>已发货：%1 · %2</translation>
    </message>
    <message>
        <source>Wave %1: %2 orders left</source>
        <translation>波次 %1：还剩 %2 个订单</translation>
    </message>
    <message>
        <source>No label printer is set up: no label printed.</source>
        <translation>未设置标签打印机：面单未打印。</translation>
    </message>
    <message>
        <source>The order is shipped: scan *REPRINT* (F3) to print the label again.</source>
        <translation>订单已发货：扫描 *REPRINT*（F3）可重打面单。</translation>
    </message>
    <message>
        <source>The packing slip was not printed: %1</source>
        <translation>装箱单未打印：%1</translation>
    </message>
    <message>
        <source>Not all items are scanned: %1</source>
        <translation>商品未扫完：%1</translation>
    </message>
    <message>
        <source>Type the weight in kg first and press Enter.</source>
        <translation>请先输入重量（千克）并按回车。</translation>
    </message>
    <message>
        <source>A new parcel starts while an order&apos;s items are scanned.</source>
        <translation>只有在扫描订单商品时才能开始新包裹。</translation>
    </message>
    <message>
        <source>Parcel %1 is empty: scan items into it first.</source>
        <translation>包裹 %1 是空的：请先扫描商品装入。</translation>
    </message>
    <message>
        <source>There is no scale: type the weight in kg and press Enter.</source>
        <translation>没有电子秤：请输入重量（千克）后按回车。</translation>
    </message>
    <message>
        <source>No order is open.</source>
        <translation>没有打开的订单。</translation>
    </message>
    <message>
        <source>No packing slip for this order.</source>
        <translation>此订单不打印装箱单。</translation>
    </message>
    <message>
        <source>The packing slip is printed for this order.</source>
        <translation>此订单将打印装箱单。</translation>
    </message>
    <message>
        <source>A pre-printed label belongs to a parcel: scan the order first.</source>
        <translation>预印面单属于某个包裹：请先扫描订单。</translation>
    </message>
    <message>
        <source>Parcel %1: scan the tracking number of its pre-printed label.</source>
        <translation>包裹 %1：请扫描其预印面单上的快递单号。</translation>
    </message>
    <message>
        <source>%1 is not a tracking number. Scan *TRACKING* (F11) and the label again.</source>
        <translation>%1 不是快递单号。请重新扫描 *TRACKING*（F11）和面单。</translation>
    </message>
    <message>
        <source>Tracking number %1 is on another parcel of this order already.</source>
        <translation>快递单号 %1 已用于本订单的另一个包裹。</translation>
    </message>
    <message>
        <source>Parcel %1 ships with the pre-printed label %2 (no label is printed for it).</source>
        <translation>包裹 %1 使用预印面单 %2 发货（不再打印面单）。</translation>
    </message>
    <message>
        <source>The order is being shipped and cannot be put aside now.</source>
        <translation>订单正在发货，现在不能搁置。</translation>
    </message>
    <message>
        <source>Order %1 put aside; its scans are dropped.</source>
        <translation>订单 %1 已搁置，扫描记录已作废。</translation>
    </message>
    <message>
        <source>Reprint: scan a shipped order or its tracking number first.</source>
        <translation>重打面单：请先扫描已发货的订单或其快递单号。</translation>
    </message>
    <message>
        <source>No label printer is set up.</source>
        <translation>未设置标签打印机。</translation>
    </message>
    <message>
        <source>Printing %1 again…</source>
        <translation>正在重打 %1…</translation>
    </message>
    <message>
        <source>Scan a shipped order or its tracking number first.</source>
        <translation>请先扫描已发货的订单或其快递单号。</translation>
    </message>
    <message>
        <source>Void label %1 and print a new one? Scan %2 again to confirm.</source>
        <translation>作废面单 %1 并打印新面单？再次扫描 %2 确认。</translation>
    </message>
    <message>
        <source>Void label %1? Scan %2 again to confirm.</source>
        <translation>作废面单 %1？再次扫描 %2 确认。</translation>
    </message>
    <message>
        <source>Voided: %1</source>
        <translation>已作废：%1</translation>
    </message>
    <message>
        <source>New label: %1</source>
        <translation>新面单：%1</translation>
    </message>
    <message>
        <source>The database connection was lost. The scans are kept; the pack finishes by itself when the connection is back.</source>
        <translation>数据库连接中断，扫描已保留，连接恢复后自动完成</translation>
    </message>
    <message>
        <source>the order was cancelled on the platform</source>
        <translation>订单已在平台上取消</translation>
    </message>
    <message>
        <source>the order was refunded on the platform</source>
        <translation>订单已在平台上退款</translation>
    </message>
    <message>
        <source>the buyer is getting a refund on the platform</source>
        <translation>买家正在平台上退款</translation>
    </message>
    <message>
        <source>the buyer asked for a refund</source>
        <translation>买家申请了退款</translation>
    </message>
    <message>
        <source>the buyer cancelled the order on the platform</source>
        <translation>买家已在平台上取消订单</translation>
    </message>
    <message>
        <source>an order merged into this parcel was cancelled</source>
        <translation>合并到此包裹的订单已取消</translation>
    </message>
    <message>
        <source>the platform says it was shipped elsewhere</source>
        <translation>平台显示已在别处发货</translation>
    </message>
    <message>
        <source>it was merged into another order: scan that one</source>
        <translation>已合并到另一个订单：请扫描那个订单</translation>
    </message>
    <message>
        <source>it was cancelled (%1)</source>
        <translation>已取消（%1）</translation>
    </message>
    <message>
        <source>STOP — order %1 must not ship: %2. Put the goods back.</source>
        <translation>停止 — 订单 %1 不得发货：%2。请将商品放回。</translation>
    </message>
    <message>
        <source>its stock is not reserved</source>
        <translation>库存未预占</translation>
    </message>
    <message>
        <source>it has no carrier</source>
        <translation>未指定快递公司</translation>
    </message>
    <message>
        <source>it is “%1”</source>
        <translation>订单状态为“%1”</translation>
    </message>
    <message>
        <source>Order %1 is not ready to pack: %2.</source>
        <translation>订单 %1 还不能打包：%2。</translation>
    </message>
    <message>
        <source>Order %1 is shipped already (%2). Reprint: *REPRINT*; void: *VOID*.</source>
        <translation>订单 %1 已发货（%2）。重打面单：*REPRINT*；作废面单：*VOID*。</translation>
    </message>
    <message>
        <source>a wrong check digit</source>
        <translation>校验位错误</translation>
    </message>
    <message>
        <source>a value too long (a lost separator?)</source>
        <translation>数据过长（分隔符丢失？）</translation>
    </message>
    <message>
        <source>a value too short</source>
        <translation>数据过短</translation>
    </message>
    <message>
        <source>a date that does not exist</source>
        <translation>日期不存在</translation>
    </message>
    <message>
        <source>an application identifier we do not know</source>
        <translation>未知的应用标识符（AI）</translation>
    </message>
    <message>
        <source>The GS1 barcode cannot be read: %1. Not counted.</source>
        <translation>无法识别 GS1 条码：%1。不计数。</translation>
    </message>
    <message>
        <source>the weight did not settle in time</source>
        <translation>重量未能及时稳定</translation>
    </message>
    <message>
        <source>the scale is overloaded</source>
        <translation>电子秤超载</translation>
    </message>
    <message>
        <source>the scale shows less than zero (zero it)</source>
        <translation>电子秤读数小于零（请置零）</translation>
    </message>
    <message>
        <source>the scale is not ready</source>
        <translation>电子秤未就绪</translation>
    </message>
    <message>
        <source>the scale is not connected</source>
        <translation>电子秤未连接</translation>
    </message>
    <message>
        <source>it refuses the connection (off, or another address?)</source>
        <translation>拒绝连接（未开机，或地址有误？）</translation>
    </message>
    <message>
        <source>it does not answer</source>
        <translation>无响应</translation>
    </message>
    <message>
        <source>its address is not known</source>
        <translation>地址无法解析</translation>
    </message>
    <message>
        <source>it is not plugged in</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>this user may not use it</source>
        <translation>当前用户无权使用</translation>
    </message>
    <message>
        <source>another program is using it</source>
        <translation>被其他程序占用</translation>
    </message>
    <message>
        <source>label printer %1: %2</source>
        <translation>标签打印机 %1：%2</translation>
    </message>
    <message>
        <source>No tracking numbers left for carrier %1: import a range, then scan *DONE* to try again.</source>
        <translation>快递公司 %1 的快递单号已用完：请导入单号段，然后扫描 *DONE* 重试。</translation>
    </message>
    <message>
        <source>Tracking number %1 is on another parcel already.</source>
        <translation>快递单号 %1 已用于另一个包裹。</translation>
    </message>
    <message>
        <source>The label %1 is voided.</source>
        <translation>面单 %1 已作废。</translation>
    </message>
    <message>
        <source>No order of wave %1 still needs this item (%2).</source>
        <translation>波次 %1 中已没有订单需要此商品（%2）。</translation>
    </message>
    <message>
        <source>Wave %1 has nothing left to pack.</source>
        <translation>波次 %1 已没有待打包的订单。</translation>
    </message>
    <message>
        <source>Scale: %1</source>
        <translation>电子秤：%1</translation>
    </message>
    <message>
        <source>The database connection was lost: scan again when it is back.</source>
        <translation>数据库连接中断：连接恢复后请重新扫描。</translation>
    </message>
</context>
<context>
    <name>ParamsEditor</name>
    <message>
        <source>Choose or type the reason the order desk will see</source>
        <translation>选择或输入审单员将看到的原因</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— 请选择 —</translation>
    </message>
    <message>
        <source>Tick the ones to use; drag them into the order they are tried in</source>
        <translation>勾选要使用的仓库；拖动调整尝试顺序</translation>
    </message>
    <message>
        <source>Tick the team&apos;s members; orders go to each in turn</source>
        <translation>勾选小组成员；订单轮流分配给每个人</translation>
    </message>
</context>
<context>
    <name>PasswordFields</name>
    <message>
        <source>again</source>
        <translation>再次输入</translation>
    </message>
    <message numerus="yes">
        <source>The password needs at least %n characters.</source>
        <translation>
            <numerusform>密码至少需要 %n 个字符。</numerusform>
        </translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>PickScreen</name>
    <message>
        <source>%v of %m units</source>
        <translation>%v / %m 件</translation>
    </message>
    <message>
        <source>Scan or type a bin, then each item taken from it (Enter)</source>
        <translation>扫描或输入库位，再逐件扫描从中拣出的商品（回车）</translation>
    </message>
    <message>
        <source>× </source>
        <translation>× </translation>
    </message>
    <message>
        <source>How many the next scan counts (a case of 12: type 12, then scan)</source>
        <translation>下一次扫描计几件（整箱 12 件：输入 12 再扫描）</translation>
    </message>
    <message>
        <source>Short pick… (F8)</source>
        <translation>缺货登记… (F8)</translation>
    </message>
    <message>
        <source>Back to the waves (Esc)</source>
        <translation>返回波次列表 (Esc)</translation>
    </message>
    <message>
        <source>Scan the label of the first bin: %1</source>
        <translation>请扫描第一个库位的标签：%1</translation>
    </message>
    <message>
        <source>Wave %1 · %2 · %3 · %4</source>
        <translation>波次 %1 · %2 · %3 · %4</translation>
    </message>
    <message>
        <source>Bin: scan its label</source>
        <translation>库位：请扫描库位标签</translation>
    </message>
    <message>
        <source>Bin %1 · %2 left here</source>
        <translation>库位 %1 · 此处还需拣 %2</translation>
    </message>
    <message>
        <source>Your role may not confirm picks.</source>
        <translation>您的角色不能确认拣货。</translation>
    </message>
    <message>
        <source>Bin %1: pick %2</source>
        <translation>库位 %1：拣 %2</translation>
    </message>
    <message>
        <source>Nothing is left to pick in bin %1. Next: %2</source>
        <translation>库位 %1 已拣完。下一个：%2</translation>
    </message>
    <message>
        <source>%1: scan the bin&apos;s label first, then the item.</source>
        <translation>%1：请先扫描库位标签，再扫描商品。</translation>
    </message>
    <message>
        <source>Picked %1 × %2. Wave %3 is picked completely: take it to packing.</source>
        <translation>已拣 %1 × %2。波次 %3 已全部拣完：请送去打包。</translation>
    </message>
    <message>
        <source>Picked %1 × %2 from %3; %4 more here.</source>
        <translation>已从 %3 拣 %1 × %2；此处还需 %4。</translation>
    </message>
    <message>
        <source>Picked %1 × %2 from %3. Next bin: %4</source>
        <translation>已从 %3 拣 %1 × %2。下一个库位：%4</translation>
    </message>
    <message>
        <source>Nothing is left to pick in this wave.</source>
        <translation>本波次已没有要拣的商品。</translation>
    </message>
    <message>
        <source>Short pick recorded. Back to waiting for stock: %1</source>
        <translation>已登记缺货。退回待补货的订单：%1</translation>
    </message>
    <message>
        <source>Short pick recorded; every order can still be filled.</source>
        <translation>已登记缺货；所有订单仍可备齐。</translation>
    </message>
</context>
<context>
    <name>PrintPreview</name>
    <message>
        <source>Preview — %1</source>
        <translation>预览 — %1</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 上一页</translation>
    </message>
    <message>
        <source>of %1</source>
        <translation>/ %1 页</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一页 ▶</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Whole page</source>
        <translation>整页</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Print to %1</source>
        <translation>打印到 %1</translation>
    </message>
    <message>
        <source>Print to the default printer</source>
        <translation>打印到默认打印机</translation>
    </message>
    <message>
        <source>the default printer</source>
        <translation>默认打印机</translation>
    </message>
    <message>
        <source>Printing to %1…</source>
        <translation>正在打印到 %1…</translation>
    </message>
    <message>
        <source>%1 page(s) sent to %2.</source>
        <translation>已发送 %1 页到 %2。</translation>
    </message>
    <message>
        <source>Printing cancelled.</source>
        <translation>已取消打印。</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Saved as %1</source>
        <translation>已保存为 %1</translation>
    </message>
</context>
<context>
    <name>ProductsDock</name>
    <message>
        <source>Products</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Filter: code, name, barcode or pinyin initials</source>
        <translation>筛选：编码、名称、条码或拼音首字母</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Kits only</source>
        <translation>仅组合商品</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>New SKU (Ctrl+N)</source>
        <translation>新建 SKU (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>Edit the selected SKU (Enter, double-click)</source>
        <translation>编辑选中的 SKU（回车或双击）</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>Import SKUs from Excel or CSV</source>
        <translation>从 Excel 或 CSV 导入 SKU</translation>
    </message>
    <message>
        <source>E&amp;xport to Excel</source>
        <translation>导出到 Excel(&amp;X)</translation>
    </message>
    <message>
        <source>Export the SKUs shown (filter and order) to Excel</source>
        <translation>将当前显示的 SKU（按当前筛选和排序）导出到 Excel</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部分类</translation>
    </message>
    <message>
        <source>SKUs: %1</source>
        <translation>SKU 数：%1</translation>
    </message>
    <message>
        <source>Unknown barcode: %1 — no SKU has this barcode or code.</source>
        <translation>未知条码：%1 — 没有 SKU 使用此条码或编码。</translation>
    </message>
    <message>
        <source>Scanned %1: %2</source>
        <translation>已扫描 %1：%2</translation>
    </message>
    <message>
        <source>Import SKUs</source>
        <translation>导入 SKU</translation>
    </message>
    <message>
        <source>Excel or CSV files (*.xlsx *.csv);;All files (*)</source>
        <translation>Excel 或 CSV 文件 (*.xlsx *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <source>skus.xlsx</source>
        <translation>SKU列表.xlsx</translation>
    </message>
    <message>
        <source>Export SKUs to Excel</source>
        <translation>导出 SKU 到 Excel</translation>
    </message>
    <message>
        <source>Excel files (*.xlsx)</source>
        <translation>Excel 文件 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exported to %1 (rows: %2)</source>
        <translation>已导出到 %1（%2 行）</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>正在导出到 %1…</translation>
    </message>
</context>
<context>
    <name>PublishingPage</name>
    <message>
        <source>What the shop may sell of each SKU: a share of its available-to-sell, a fixed quantity, or all of it but a buffer. The shops together are never offered more than there is.</source>
        <translation>店铺可以销售每个 SKU 的数量：可售库存的一定比例、固定数量，或扣除安全库存后的全部。各店铺加起来绝不会超过实际可售数量。</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Publishes</source>
        <translation>发布方式</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>SKU code (empty: every SKU)</source>
        <translation>SKU 编码（留空：所有 SKU）</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>What each shop would publish of</source>
        <translation>各店铺可发布的数量，SKU：</translation>
    </message>
    <message>
        <source>SKU code</source>
        <translation>SKU 编码</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>查看</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>May sell</source>
        <translation>可销售</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>可售库存</translation>
    </message>
    <message>
        <source>Write stock file…</source>
        <translation>生成库存文件…</translation>
    </message>
    <message>
        <source>The value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>The rule</source>
        <translation>发布方式</translation>
    </message>
    <message>
        <source>The SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>The platform is told of stock changes through its API.</source>
        <translation>库存变化通过平台接口自动同步。</translation>
    </message>
    <message>
        <source>This shop has no API: upload a stock file with the platform&apos;s bulk tool.</source>
        <translation>此店铺没有接口：请用平台的批量工具上传库存文件。</translation>
    </message>
    <message>
        <source>Every SKU (the shop&apos;s default)</source>
        <translation>所有 SKU（店铺默认）</translation>
    </message>
    <message>
        <source>Saved; the shops&apos; figures are recomputed and sent.</source>
        <translation>已保存；各店铺的可售数量已重新计算并同步。</translation>
    </message>
    <message>
        <source>Rule deleted.</source>
        <translation>规则已删除。</translation>
    </message>
    <message>
        <source>There was no such rule.</source>
        <translation>没有这条规则。</translation>
    </message>
    <message>
        <source>No shop sells this SKU (map it to a shop&apos;s SKU first).</source>
        <translation>没有店铺销售此 SKU（请先把它对应到店铺的 SKU）。</translation>
    </message>
    <message>
        <source>Write stock file</source>
        <translation>生成库存文件</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>%1 SKUs written to %2</source>
        <translation>已将 %1 个 SKU 写入 %2</translation>
    </message>
</context>
<context>
    <name>QDialog</name>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Password for {user} on {host}:</source>
        <translation>{user} 在 {host} 上的密码：</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Choose or type a reason</source>
        <translation>选择或输入原因</translation>
    </message>
</context>
<context>
    <name>ReceiptDialog</name>
    <message>
        <source>Receive goods</source>
        <translation>收货入库</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可不填</translation>
    </message>
    <message>
        <source>Expires on</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>delivery note, optional</source>
        <translation>送货单号，可不填</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Into</source>
        <translation>收入</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>单据号</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Choose where the goods go.</source>
        <translation>请选择收货库位。</translation>
    </message>
    <message>
        <source>An expiry date belongs to a lot: type the lot number.</source>
        <translation>到期日属于批次：请输入批次号。</translation>
    </message>
    <message>
        <source>%1 × %2%3 into %4</source>
        <translation>%1 × %2%3 收入 %4</translation>
    </message>
</context>
<context>
    <name>ReceiveTransferDialog</name>
    <message>
        <source>Receive a transfer</source>
        <translation>调拨收货</translation>
    </message>
    <message>
        <source>transfer note, optional</source>
        <translation>调拨单号，可不填</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Into</source>
        <translation>收入</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>In transit</source>
        <translation>在途</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>单据号</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Choose the bin the goods go to.</source>
        <translation>请选择收货库位。</translation>
    </message>
    <message>
        <source>Nothing of %1 is in transit to this warehouse.</source>
        <translation>没有发往本仓库的 %1 在途货物。</translation>
    </message>
    <message>
        <source>%1 × %2%3 received into %4</source>
        <translation>%1 × %2%3 已收入 %4</translation>
    </message>
</context>
<context>
    <name>ReplenishmentDock</name>
    <message>
        <source>Filter: SKU code or name, supplier</source>
        <translation>筛选：SKU 编码或名称、供应商</translation>
    </message>
    <message>
        <source>Below safety stock only</source>
        <translation>只看低于安全库存</translation>
    </message>
    <message>
        <source>&amp;Recompute</source>
        <translation>重新计算(&amp;R)</translation>
    </message>
    <message>
        <source>Forecast demand and compute safety stock, reorder points and suggestions again from the stock history (F5)</source>
        <translation>根据库存流水重新预测需求，并重新计算安全库存、再订货点和采购建议 (F5)</translation>
    </message>
    <message>
        <source>E&amp;xport to Excel</source>
        <translation>导出到 Excel(&amp;X)</translation>
    </message>
    <message>
        <source>Export the list shown (suggestions or slow movers) to Excel</source>
        <translation>把当前显示的列表（采购建议或滞销品）导出到 Excel</translation>
    </message>
    <message>
        <source>What to buy</source>
        <translation>采购建议</translation>
    </message>
    <message>
        <source>Slow movers and overstock</source>
        <translation>滞销与积压</translation>
    </message>
    <message>
        <source>Select a row to see how its figures came about.</source>
        <translation>选中一行，查看各项数字是怎么算出来的。</translation>
    </message>
    <message>
        <source>All warehouses</source>
        <translation>全部仓库</translation>
    </message>
    <message>
        <source>To buy: %1 · Slow movers: %2</source>
        <translation>待采购：%1 · 滞销：%2</translation>
    </message>
    <message>
        <source>Not computed yet: press Recompute.</source>
        <translation>尚未计算：请点击“重新计算”。</translation>
    </message>
    <message>
        <source>Not computed yet: ask purchasing to compute the figures.</source>
        <translation>尚未计算：请采购人员计算。</translation>
    </message>
    <message>
        <source>Computed %1</source>
        <translation>计算于 %1</translation>
    </message>
    <message>
        <source>Replenishment</source>
        <translation>补货</translation>
    </message>
    <message>
        <source>Replenishment (%1)</source>
        <translation>补货 (%1)</translation>
    </message>
    <message>
        <source>⚠ Below safety stock: %1</source>
        <translation>⚠ 低于安全库存：%1</translation>
    </message>
    <message>
        <source>Nothing below safety stock</source>
        <translation>没有低于安全库存的商品</translation>
    </message>
    <message>
        <source>Computing replenishment…</source>
        <translation>正在计算补货…</translation>
    </message>
    <message>
        <source>Computed %1 SKU × warehouse in %2 s: %3 to buy, %4 below safety stock.</source>
        <translation>已计算 %1 个 SKU × 仓库，用时 %2 秒：%3 个待采购，%4 个低于安全库存。</translation>
    </message>
    <message>
        <source>slow-movers.xlsx</source>
        <translation>滞销品.xlsx</translation>
    </message>
    <message>
        <source>purchase-suggestions.xlsx</source>
        <translation>采购建议.xlsx</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出到 Excel</translation>
    </message>
    <message>
        <source>Excel files (*.xlsx)</source>
        <translation>Excel 文件 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exported to %1 (rows: %2)</source>
        <translation>已导出到 %1（%2 行）</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>正在导出到 %1…</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Specification</source>
        <translation>规格</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>在库</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>可用</translation>
    </message>
    <message>
        <source>In transit</source>
        <translation>在途</translation>
    </message>
    <message>
        <source>Forecast/day</source>
        <translation>日预测</translation>
    </message>
    <message>
        <source>σ/day</source>
        <translation>日 σ</translation>
    </message>
    <message>
        <source>Lead time (days)</source>
        <translation>采购周期（天）</translation>
    </message>
    <message>
        <source>Review (days)</source>
        <translation>盘点周期（天）</translation>
    </message>
    <message>
        <source>Service level</source>
        <translation>服务水平</translation>
    </message>
    <message>
        <source>Safety stock</source>
        <translation>安全库存</translation>
    </message>
    <message>
        <source>Reorder point</source>
        <translation>再订货点</translation>
    </message>
    <message>
        <source>Order up to</source>
        <translation>补货目标</translation>
    </message>
    <message>
        <source>Stock position</source>
        <translation>库存头寸</translation>
    </message>
    <message>
        <source>Needed</source>
        <translation>需求量</translation>
    </message>
    <message>
        <source>MOQ</source>
        <translation>最小起订量</translation>
    </message>
    <message>
        <source>Pack size</source>
        <translation>每箱数量</translation>
    </message>
    <message>
        <source>Suggested qty</source>
        <translation>建议采购量</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation>单位成本</translation>
    </message>
    <message>
        <source>Order value</source>
        <translation>采购金额</translation>
    </message>
    <message>
        <source>Forecast method</source>
        <translation>预测方法</translation>
    </message>
    <message>
        <source>Below safety stock</source>
        <translation>低于安全库存</translation>
    </message>
    <message>
        <source>Days of cover</source>
        <translation>可售天数</translation>
    </message>
    <message>
        <source>Turnover/year</source>
        <translation>年周转次数</translation>
    </message>
    <message>
        <source>Last sale</source>
        <translation>最近销售</translation>
    </message>
    <message>
        <source>Days since sale</source>
        <translation>未销售天数</translation>
    </message>
    <message>
        <source>Value at cost</source>
        <translation>成本金额</translation>
    </message>
    <message>
        <source>Excess qty</source>
        <translation>超额数量</translation>
    </message>
    <message>
        <source>Excess value</source>
        <translation>超额金额</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Suggested action</source>
        <translation>建议操作</translation>
    </message>
    <message>
        <source>Transfer to</source>
        <translation>调往</translation>
    </message>
    <message>
        <source>Transfer qty</source>
        <translation>调拨数量</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>active</source>
        <translation>在售</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>discontinued</source>
        <translation>停产</translation>
    </message>
</context>
<context>
    <name>ReplenishmentLabels</name>
    <message>
        <source>Dead stock</source>
        <translation>呆滞库存</translation>
    </message>
    <message>
        <source>Slow mover</source>
        <translation>滞销</translation>
    </message>
    <message>
        <source>Overstock</source>
        <translation>库存积压</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>调拨</translation>
    </message>
    <message>
        <source>Promote</source>
        <translation>促销</translation>
    </message>
    <message>
        <source>Stop buying</source>
        <translation>停止采购</translation>
    </message>
    <message>
        <source>Holt-Winters</source>
        <translation>Holt-Winters</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>平均值</translation>
    </message>
    <message>
        <source>Short history</source>
        <translation>历史较短</translation>
    </message>
    <message>
        <source>No sales</source>
        <translation>无销售</translation>
    </message>
</context>
<context>
    <name>ReviewAlerts</name>
    <message numerus="yes">
        <source>%n new order(s) to review</source>
        <translation>
            <numerusform>%n 个新订单待审核</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RuleEditor</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>all of the conditions hold</source>
        <translation>满足全部条件</translation>
    </message>
    <message>
        <source>any of the conditions holds</source>
        <translation>满足任一条件</translation>
    </message>
    <message>
        <source>Applies when</source>
        <translation>适用于</translation>
    </message>
    <message>
        <source>Conditions</source>
        <translation>条件</translation>
    </message>
    <message>
        <source>No conditions: the rule applies to every order.</source>
        <translation>没有条件：规则适用于所有订单。</translation>
    </message>
    <message>
        <source>Add condition</source>
        <translation>添加条件</translation>
    </message>
    <message>
        <source>Then</source>
        <translation>则</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>动作</translation>
    </message>
    <message>
        <source>The name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>The field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>The operator</source>
        <translation>运算符</translation>
    </message>
    <message>
        <source>The value</source>
        <translation>值</translation>
    </message>
</context>
<context>
    <name>RuleTexts</name>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>快递</translation>
    </message>
    <message>
        <source>Review</source>
        <comment>a kind of rule</comment>
        <translation>审单</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <comment>a kind of rule</comment>
        <translation>分仓</translation>
    </message>
    <message>
        <source>Carrier</source>
        <comment>a kind of rule</comment>
        <translation>快递</translation>
    </message>
    <message>
        <source>Assignment</source>
        <comment>a kind of rule</comment>
        <translation>分配</translation>
    </message>
    <message>
        <source>Shop code</source>
        <translation>店铺编码</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Buyer ID</source>
        <translation>买家 ID</translation>
    </message>
    <message>
        <source>Buyer message</source>
        <translation>买家留言</translation>
    </message>
    <message>
        <source>Seller memo</source>
        <translation>卖家备注</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>省份</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>Region (华东, 西北 …)</source>
        <translation>地区（华东、西北…）</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Amount paid</source>
        <translation>实付金额</translation>
    </message>
    <message>
        <source>Goods amount</source>
        <translation>商品金额</translation>
    </message>
    <message>
        <source>Shipping fee</source>
        <translation>运费</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <source>Customer&apos;s earlier orders</source>
        <translation>客户历史订单数</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>商品件数</translation>
    </message>
    <message>
        <source>Order lines</source>
        <translation>商品行数</translation>
    </message>
    <message>
        <source>Weight (kg)</source>
        <translation>重量（kg）</translation>
    </message>
    <message>
        <source>Hour paid (0–23)</source>
        <translation>付款时段（0–23 点）</translation>
    </message>
    <message>
        <source>Customer blacklisted</source>
        <translation>客户在黑名单</translation>
    </message>
    <message>
        <source>Phone blacklisted</source>
        <translation>电话在黑名单</translation>
    </message>
    <message>
        <source>First order of the customer</source>
        <translation>客户首单</translation>
    </message>
    <message>
        <source>Has problems</source>
        <translation>有异常</translation>
    </message>
    <message>
        <source>Paid at</source>
        <translation>付款时间</translation>
    </message>
    <message>
        <source>Ordered at</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <source>SKU codes</source>
        <translation>SKU 编码</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>商品类目</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>equals</source>
        <translation>等于</translation>
    </message>
    <message>
        <source>does not equal</source>
        <translation>不等于</translation>
    </message>
    <message>
        <source>is above</source>
        <translation>大于</translation>
    </message>
    <message>
        <source>is at least</source>
        <translation>大于等于</translation>
    </message>
    <message>
        <source>is below</source>
        <translation>小于</translation>
    </message>
    <message>
        <source>is at most</source>
        <translation>小于等于</translation>
    </message>
    <message>
        <source>is between</source>
        <translation>介于</translation>
    </message>
    <message>
        <source>include any of</source>
        <translation>包含任一</translation>
    </message>
    <message>
        <source>are all among</source>
        <translation>全部属于</translation>
    </message>
    <message>
        <source>include all of</source>
        <translation>包含全部</translation>
    </message>
    <message>
        <source>include none of</source>
        <translation>不包含</translation>
    </message>
    <message>
        <source>number more than</source>
        <translation>数量多于</translation>
    </message>
    <message>
        <source>number fewer than</source>
        <translation>数量少于</translation>
    </message>
    <message>
        <source>number exactly</source>
        <translation>数量等于</translation>
    </message>
    <message>
        <source>are none</source>
        <translation>为空</translation>
    </message>
    <message>
        <source>are some</source>
        <translation>不为空</translation>
    </message>
    <message>
        <source>is</source>
        <translation>是</translation>
    </message>
    <message>
        <source>is not</source>
        <translation>不是</translation>
    </message>
    <message>
        <source>is one of</source>
        <translation>属于</translation>
    </message>
    <message>
        <source>is none of</source>
        <translation>不属于</translation>
    </message>
    <message>
        <source>contains any of</source>
        <translation>包含任一关键词</translation>
    </message>
    <message>
        <source>contains none of</source>
        <translation>不包含关键词</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>为空</translation>
    </message>
    <message>
        <source>is not empty</source>
        <translation>不为空</translation>
    </message>
    <message>
        <source>starts with</source>
        <translation>开头是</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>is before</source>
        <translation>早于</translation>
    </message>
    <message>
        <source>is from</source>
        <translation>不早于</translation>
    </message>
    <message>
        <source>is between the hours</source>
        <translation>时段在</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <source>Hold for a person</source>
        <translation>转人工审核</translation>
    </message>
    <message>
        <source>Reject (cancel the order)</source>
        <translation>拒单（取消订单）</translation>
    </message>
    <message>
        <source>Hold to merge</source>
        <translation>转人工合单</translation>
    </message>
    <message>
        <source>Ship from the warehouse</source>
        <translation>从指定仓库发货</translation>
    </message>
    <message>
        <source>Prefer the warehouses, in order</source>
        <translation>按顺序优先使用仓库</translation>
    </message>
    <message>
        <source>Ship with the carrier</source>
        <translation>用指定快递发货</translation>
    </message>
    <message>
        <source>Assign to a person</source>
        <translation>分配给个人</translation>
    </message>
    <message>
        <source>Assign to a team (in turn)</source>
        <translation>分配给小组（轮流）</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Warehouses</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Team members</source>
        <translation>小组成员</translation>
    </message>
    <message>
        <source>Team name</source>
        <translation>小组名称</translation>
    </message>
    <message>
        <source>is needed</source>
        <translation>不能为空</translation>
    </message>
    <message>
        <source>is not a valid value here</source>
        <translation>不是有效的值</translation>
    </message>
    <message>
        <source>needs at least one entry</source>
        <translation>至少需要一项</translation>
    </message>
    <message>
        <source>has an empty entry</source>
        <translation>有空的项</translation>
    </message>
    <message>
        <source>is an empty range: the start must come before the end</source>
        <translation>范围为空：起点必须在终点之前</translation>
    </message>
    <message>
        <source>needs a time zone</source>
        <translation>缺少时区</translation>
    </message>
    <message>
        <source>is not a field rules know</source>
        <translation>不是规则可用的字段</translation>
    </message>
    <message>
        <source>does not apply to this field</source>
        <translation>不适用于此字段</translation>
    </message>
    <message>
        <source>must be all or any</source>
        <translation>必须是“全部”或“任一”</translation>
    </message>
    <message>
        <source>is not an action of this kind of rule</source>
        <translation>不是此类规则的动作</translation>
    </message>
    <message>
        <source>is not used by this action</source>
        <translation>此动作不使用</translation>
    </message>
    <message>
        <source>is not a kind of rule</source>
        <translation>不是规则类型</translation>
    </message>
    <message>
        <source>names SKU codes we do not have: %1</source>
        <translation>含有不存在的 SKU 编码：%1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>a part of a rule, then what is wrong with it</comment>
        <translation>%1%2</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <translation>%1 与 %2 之间</translation>
    </message>
    <message>
        <source>every order</source>
        <translation>所有订单</translation>
    </message>
    <message>
        <source> or </source>
        <translation> 或 </translation>
    </message>
    <message>
        <source> and </source>
        <translation> 且 </translation>
    </message>
</context>
<context>
    <name>RulesDialog</name>
    <message>
        <source>Order rules</source>
        <translation>订单规则</translation>
    </message>
    <message>
        <source>Rules are tried from the top; the first whose conditions hold decides. Review rules approve, hold or reject new orders; the others choose the warehouse, the carrier and who handles the order.</source>
        <translation>规则从上到下依次尝试，第一条满足条件的规则生效。审单规则决定新订单通过、转人工或拒单；其他规则选择仓库、快递和处理人。</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>▲ Up</source>
        <translation>▲ 上移</translation>
    </message>
    <message>
        <source>Try the rule earlier</source>
        <translation>提前尝试此规则</translation>
    </message>
    <message>
        <source>▼ Down</source>
        <translation>▼ 下移</translation>
    </message>
    <message>
        <source>Try the rule later</source>
        <translation>推后尝试此规则</translation>
    </message>
    <message>
        <source>&amp;Save rule</source>
        <translation>保存规则(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Dry run</source>
        <translation>试运行(&amp;D)</translation>
    </message>
    <message>
        <source>What the rule as typed would have done to the last orders; nothing is changed</source>
        <translation>按当前输入的规则，看它对最近的订单会怎样处理；不做任何更改</translation>
    </message>
    <message>
        <source>&amp;Re-apply to open orders</source>
        <translation>重新应用到待审订单(&amp;R)</translation>
    </message>
    <message>
        <source>Run the rules again over the orders waiting in review (not those a person holds)</source>
        <translation>对待审订单重新运行规则（人工挂起的订单除外）</translation>
    </message>
    <message>
        <source>When %1</source>
        <translation>条件：%1</translation>
    </message>
    <message>
        <source>This rule has errors and is never tried: correct it.</source>
        <translation>此规则有错误，不会被使用：请修改。</translation>
    </message>
    <message>
        <source>The rule is not saved: correct what is marked.</source>
        <translation>规则未保存：请修改标出的内容。</translation>
    </message>
    <message>
        <source>Rule “%1” saved.</source>
        <translation>规则“%1”已保存。</translation>
    </message>
    <message>
        <source>Delete rule</source>
        <translation>删除规则</translation>
    </message>
    <message>
        <source>Delete the rule “%1”? Orders keep what it decided.</source>
        <translation>删除规则“%1”？订单保留它已作出的决定。</translation>
    </message>
    <message>
        <source>Rule deleted.</source>
        <translation>规则已删除。</translation>
    </message>
    <message>
        <source>Trying the rule on the last orders…</source>
        <translation>正在用最近的订单试运行规则…</translation>
    </message>
    <message>
        <source>Of the last %1 orders it matches %2 and would decide %3; %4 would end differently than now.</source>
        <translation>最近 %1 个订单中，符合条件 %2 个，由此规则决定 %3 个；结果与现在不同的有 %4 个。</translation>
    </message>
    <message>
        <source>With the rule in place: %1</source>
        <translation>启用此规则后：%1</translation>
    </message>
    <message>
        <source>For example: %1</source>
        <translation>例如：%1</translation>
    </message>
    <message>
        <source>no rule (the defaults)</source>
        <translation>无规则（默认）</translation>
    </message>
    <message>
        <source>Rules re-applied to %1 open orders: %2 approved, %3 waiting for stock, %4 held, %5 rejected.</source>
        <translation>已对 %1 个待审订单重新应用规则：%2 个通过，%3 个等待库存，%4 个转人工，%5 个拒单。</translation>
    </message>
    <message>
        <source>Re-applying the rules…</source>
        <translation>正在重新应用规则…</translation>
    </message>
</context>
<context>
    <name>ScrapDialog</name>
    <message>
        <source>Scrap stock</source>
        <translation>库存报废</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Choose a reason.</source>
        <translation>请选择原因。</translation>
    </message>
    <message>
        <source>%1 × %2%3 scrapped from %4 (%5)</source>
        <translation>从 %4 报废 %1 × %2%3（%5）</translation>
    </message>
</context>
<context>
    <name>SerialScannerDialog</name>
    <message>
        <source>Serial scanner</source>
        <translation>串口扫描枪</translation>
    </message>
    <message>
        <source>A port such as /dev/ttyACM0 or COM3, or usb:VID:PID to find the scanner in any USB socket</source>
        <translation>端口，如 /dev/ttyACM0 或 COM3；也可填 usb:VID:PID，扫描枪插在任何 USB 口都能找到</translation>
    </message>
    <message>
        <source>CR (carriage return)</source>
        <translation>CR（回车）</translation>
    </message>
    <message>
        <source>LF (line feed)</source>
        <translation>LF（换行）</translation>
    </message>
    <message>
        <source>CR LF</source>
        <translation>CR LF（回车换行）</translation>
    </message>
    <message>
        <source>Any of them</source>
        <translation>以上任意一种</translation>
    </message>
    <message>
        <source>Connect when the client starts</source>
        <translation>客户端启动时自动连接</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>Speed (baud):</source>
        <translation>波特率：</translation>
    </message>
    <message>
        <source>Code ends with:</source>
        <translation>条码结束符：</translation>
    </message>
    <message>
        <source>Remove prefix:</source>
        <translation>去除前缀：</translation>
    </message>
    <message>
        <source>Remove suffix:</source>
        <translation>去除后缀：</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>断开</translation>
    </message>
    <message>
        <source>Choose or type the scanner&apos;s port.</source>
        <translation>请选择或输入扫描枪的端口。</translation>
    </message>
</context>
<context>
    <name>SerialScannerLink</name>
    <message>
        <source>Serial scanner connected: %1</source>
        <translation>串口扫描枪已连接：%1</translation>
    </message>
    <message>
        <source>Serial scanner not connected (%1); trying again…</source>
        <translation>串口扫描枪未连接（%1），正在重试…</translation>
    </message>
    <message>
        <source>Serial scanner off</source>
        <translation>串口扫描枪未启用</translation>
    </message>
</context>
<context>
    <name>ShipmentsTab</name>
    <message>
        <source>Tracking number, order number or SO code, Enter (Ctrl+F)</source>
        <translation>快递单号、订单号或 SO 编码，回车搜索 (Ctrl+F)</translation>
    </message>
    <message>
        <source>&amp;Reprint label</source>
        <translation>补打面单(&amp;R)</translation>
    </message>
    <message>
        <source>The selected parcels&apos; labels again: to this station&apos;s label printer, or as a PDF when it has none (Ctrl+R)</source>
        <translation>重新打印所选包裹的面单：发送到本工作站的标签打印机，没有时生成 PDF (Ctrl+R)</translation>
    </message>
    <message>
        <source>&amp;Void label…</source>
        <translation>作废面单(&amp;V)…</translation>
    </message>
    <message>
        <source>The label is void and its tracking number never used again</source>
        <translation>面单作废，其快递单号不再使用</translation>
    </message>
    <message>
        <source>Shipment &amp;file…</source>
        <translation>发货文件(&amp;F)…</translation>
    </message>
    <message>
        <source>A file shop&apos;s shipped orders as its platform&apos;s bulk-ship file (批量发货) (Ctrl+Shift+F)</source>
        <translation>无接口店铺的已发货订单导出为平台的批量发货文件 (Ctrl+Shift+F)</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <source>Load the shipments again (F5)</source>
        <translation>重新加载发货记录 (F5)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Parcels found: %1</source>
        <translation>找到包裹：%1 个</translation>
    </message>
    <message>
        <source>labels-%1.pdf</source>
        <translation>面单-%1.pdf</translation>
    </message>
    <message>
        <source>Sent to the label printer %1: %2</source>
        <translation>已发送到标签打印机 %1：%2</translation>
    </message>
    <message>
        <source>Sending labels to the label printer…</source>
        <translation>正在把面单发送到标签打印机…</translation>
    </message>
    <message>
        <source>Void label</source>
        <translation>作废面单</translation>
    </message>
    <message>
        <source>Why void the label %1 of order %2? Its tracking number is never used again.</source>
        <translation>为什么作废订单 %2 的面单 %1？该快递单号将不再使用。</translation>
    </message>
    <message>
        <source>Label %1 is void.</source>
        <translation>面单 %1 已作废。</translation>
    </message>
    <message>
        <source>Every shop is told through its API: no shipment file is needed.</source>
        <translation>所有店铺都通过接口回传发货：无需发货文件。</translation>
    </message>
    <message>
        <source>Shipment file</source>
        <translation>发货文件</translation>
    </message>
    <message>
        <source>Shop:</source>
        <translation>店铺：</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>%1: %2 order(s) written to %3</source>
        <translation>%1：%2 个订单已写入 %3</translation>
    </message>
    <message>
        <source>Writing the shipment file…</source>
        <translation>正在写入发货文件…</translation>
    </message>
</context>
<context>
    <name>ShopTexts</name>
    <message>
        <source>is needed</source>
        <translation>不能为空</translation>
    </message>
    <message>
        <source>names no SKU of ours (no SKU has the code or barcode “%1”)</source>
        <translation>不是我们的 SKU（没有编码或条码为“%1”的 SKU）</translation>
    </message>
    <message>
        <source>must be more than zero</source>
        <translation>必须大于零</translation>
    </message>
    <message>
        <source>is not a number</source>
        <translation>不是数字</translation>
    </message>
    <message>
        <source>may not be negative</source>
        <translation>不能为负数</translation>
    </message>
    <message>
        <source>cannot be more than 100 %</source>
        <translation>不能超过 100%</translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation>必须是整数</translation>
    </message>
    <message>
        <source>is not a web address (https://…)</source>
        <translation>不是网址（https://…）</translation>
    </message>
    <message>
        <source>must be from 1 to 1440 minutes</source>
        <translation>必须在 1 到 1440 分钟之间</translation>
    </message>
    <message>
        <source>is used by another shop</source>
        <translation>已被其他店铺使用</translation>
    </message>
    <message>
        <source>may not contain spaces</source>
        <translation>不能包含空格</translation>
    </message>
    <message>
        <source>is not one of the choices</source>
        <translation>不是可选项之一</translation>
    </message>
    <message>
        <source>has no API</source>
        <translation>没有接口</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>a field, then what is wrong with it</comment>
        <translation>%1%2</translation>
    </message>
    <message>
        <source>A share of what is available</source>
        <translation>可售库存的比例</translation>
    </message>
    <message>
        <source>A fixed quantity</source>
        <translation>固定数量</translation>
    </message>
    <message>
        <source>All but a buffer</source>
        <translation>扣除安全库存后全部</translation>
    </message>
    <message>
        <source>Nothing (not sold)</source>
        <translation>不发布（不销售）</translation>
    </message>
</context>
<context>
    <name>ShopsDialog</name>
    <message>
        <source>Shops</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>You may look at the shops&apos; settings; changing them is for the order desk.</source>
        <translation>你可以查看店铺设置；修改由订单部门负责。</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>New shop</source>
        <translation>新建店铺</translation>
    </message>
    <message>
        <source>General</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <source>API</source>
        <translation>接口</translation>
    </message>
    <message>
        <source>Stock publishing</source>
        <translation>库存发布</translation>
    </message>
    <message>
        <source>SKU mapping</source>
        <translation>SKU 对应</translation>
    </message>
    <message>
        <source>Active: its orders are imported and it is offered stock</source>
        <translation>启用：导入其订单，并向其发布库存</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Shopify: the location whose stock the shop sells (empty: the first)</source>
        <translation>Shopify：店铺销售其库存的地点（留空：第一个）</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>API address</source>
        <translation>接口地址</translation>
    </message>
    <message>
        <source>Location ID</source>
        <translation>地点 ID</translation>
    </message>
    <message>
        <source>Pull orders every</source>
        <translation>拉取订单间隔</translation>
    </message>
    <message>
        <source>Set credentials…</source>
        <translation>设置凭据…</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>凭据</translation>
    </message>
    <message>
        <source>This platform has no API: its orders come from export files and its stock goes out as a file (Stock publishing).</source>
        <translation>此平台没有接口：订单通过导出文件导入，库存以文件形式发布（见“库存发布”）。</translation>
    </message>
    <message>
        <source>Orders are pulled from the platform and stock is pushed to it.</source>
        <translation>订单从平台自动拉取，库存自动推送到平台。</translation>
    </message>
    <message>
        <source>Stored in the keyring</source>
        <translation>已保存在密钥环中</translation>
    </message>
    <message>
        <source>Not set yet</source>
        <translation>尚未设置</translation>
    </message>
    <message>
        <source>Shop saved.</source>
        <translation>店铺已保存。</translation>
    </message>
    <message>
        <source>The code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>The name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>The platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>API settings saved; orders are pulled every %1 minutes.</source>
        <translation>接口设置已保存；每 %1 分钟拉取一次订单。</translation>
    </message>
    <message>
        <source>The API address</source>
        <translation>接口地址</translation>
    </message>
    <message>
        <source>The pull interval</source>
        <translation>拉取间隔</translation>
    </message>
    <message>
        <source>Credentials stored in the keyring.</source>
        <translation>凭据已保存到密钥环。</translation>
    </message>
    <message>
        <source>The access token</source>
        <translation>访问令牌</translation>
    </message>
    <message>
        <source>The consumer key</source>
        <translation>Consumer key</translation>
    </message>
    <message>
        <source>The consumer secret</source>
        <translation>Consumer secret</translation>
    </message>
</context>
<context>
    <name>ShortPickDialog</name>
    <message>
        <source>Short pick</source>
        <translation>缺货登记</translation>
    </message>
    <message>
        <source>The orders that cannot be filled go back to waiting for stock, the latest paid first; the bin is flagged for a count.</source>
        <translation>无法备齐的订单退回待补货（后付款的先退），该库位标记为待盘点。</translation>
    </message>
    <message>
        <source>%1 (%2 to pick)</source>
        <translation>%1（待拣 %2）</translation>
    </message>
    <message>
        <source>SKU:</source>
        <translation>SKU：</translation>
    </message>
    <message>
        <source>Bin:</source>
        <translation>库位：</translation>
    </message>
    <message>
        <source>Short by:</source>
        <translation>缺少数量：</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>Record short pick</source>
        <translation>登记缺货</translation>
    </message>
    <message>
        <source>Wherever it is still to pick</source>
        <translation>所有仍待拣的库位</translation>
    </message>
</context>
<context>
    <name>SkuDialog</name>
    <message>
        <source>piece</source>
        <translation>件</translation>
    </message>
    <message>
        <source>box</source>
        <translation>盒</translation>
    </message>
    <message>
        <source>set</source>
        <translation>套</translation>
    </message>
    <message>
        <source>pair</source>
        <translation>双</translation>
    </message>
    <message>
        <source>bottle</source>
        <translation>瓶</translation>
    </message>
    <message>
        <source>bag</source>
        <translation>袋</translation>
    </message>
    <message>
        <source>kilogram</source>
        <translation>千克</translation>
    </message>
    <message>
        <source>metre</source>
        <translation>米</translation>
    </message>
    <message>
        <source>same as the SKU code</source>
        <translation>默认与 SKU 编码相同</translation>
    </message>
    <message>
        <source>e.g. black / XL</source>
        <translation>例如：黑色 / XL</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>L</source>
        <translation>长</translation>
    </message>
    <message>
        <source>W</source>
        <translation>宽</translation>
    </message>
    <message>
        <source>H</source>
        <translation>高</translation>
    </message>
    <message>
        <source>SKU code *</source>
        <translation>SKU 编码 *</translation>
    </message>
    <message>
        <source>Name *</source>
        <translation>名称 *</translation>
    </message>
    <message>
        <source>Product code</source>
        <translation>产品编码</translation>
    </message>
    <message>
        <source>Specification</source>
        <translation>规格</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>售价</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <source>Weight (kg)</source>
        <translation>重量 (kg)</translation>
    </message>
    <message>
        <source>L × W × H (cm)</source>
        <translation>长 × 宽 × 高 (cm)</translation>
    </message>
    <message>
        <source>Type or scan a barcode, then Enter</source>
        <translation>输入或扫描条码，然后按回车</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Barcodes</source>
        <translation>条码</translation>
    </message>
    <message>
        <source>Kit: this SKU is made of other SKUs</source>
        <translation>组合商品：此 SKU 由其他 SKU 组成</translation>
    </message>
    <message>
        <source>Component SKU code</source>
        <translation>组件 SKU 编码</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Add component</source>
        <translation>添加组件</translation>
    </message>
    <message>
        <source>Remove component</source>
        <translation>删除组件</translation>
    </message>
    <message>
        <source>Kit</source>
        <translation>组合</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>New SKU</source>
        <translation>新建 SKU</translation>
    </message>
    <message>
        <source>SKU %1</source>
        <translation>SKU %1</translation>
    </message>
    <message>
        <source>New barcode %1</source>
        <translation>新条码：%1</translation>
    </message>
    <message>
        <source>Reload shows what is saved now; your changes in this window are discarded. Keep editing to copy them first.</source>
        <translation>重新加载将显示当前已保存的内容，本窗口中的修改会被丢弃。如需保留，请先继续编辑并复制它们。</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>继续编辑</translation>
    </message>
</context>
<context>
    <name>SkuField</name>
    <message>
        <source>Scan a barcode or type a SKU code, then Enter</source>
        <translation>扫描条码或输入 SKU 编码，然后按回车</translation>
    </message>
    <message>
        <source>Unknown barcode or code: %1</source>
        <translation>未知条码或编码：%1</translation>
    </message>
    <message>
        <source>a kit: its components are stocked, not the kit</source>
        <translation>组合商品：库存记在组件上，而不是组合本身</translation>
    </message>
</context>
<context>
    <name>SkuTableModel</name>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Specification</source>
        <translation>规格</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>售价</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <source>Weight (kg)</source>
        <translation>重量 (kg)</translation>
    </message>
    <message>
        <source>Barcodes</source>
        <translation>条码</translation>
    </message>
    <message>
        <source>Kit</source>
        <translation>组合</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>在售</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>停售</translation>
    </message>
    <message>
        <source>Discontinued</source>
        <translation>已停产</translation>
    </message>
</context>
<context>
    <name>SlowMoverTableModel</name>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Suggested action</source>
        <translation>建议操作</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>在库</translation>
    </message>
    <message>
        <source>Forecast/day</source>
        <translation>日预测</translation>
    </message>
    <message>
        <source>Days of cover</source>
        <translation>可售天数</translation>
    </message>
    <message>
        <source>Turnover/year</source>
        <translation>年周转次数</translation>
    </message>
    <message>
        <source>Last sale</source>
        <translation>最近销售</translation>
    </message>
    <message>
        <source>Value at cost</source>
        <translation>成本金额</translation>
    </message>
    <message>
        <source>Excess value</source>
        <translation>超额金额</translation>
    </message>
    <message>
        <source>Transfer %1 to %2</source>
        <translation>调拨 %1 到 %2</translation>
    </message>
    <message>
        <source>none in a year</source>
        <translation>一年内无</translation>
    </message>
</context>
<context>
    <name>SplitDialog</name>
    <message>
        <source>Split the order</source>
        <translation>拆单</translation>
    </message>
    <message>
        <source>Put each line in a part. Part 1 stays this order; every other part becomes a new order that ships on its own. Reserved stock is given back and the parts are reviewed again.</source>
        <translation>为每行商品选择所属部分。第 1 部分保留为本订单，其他每部分成为单独发货的新订单。已占用的库存会释放，各部分重新审单。</translation>
    </message>
    <message>
        <source>Parts</source>
        <translation>拆成几部分</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>部分</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>拆单</translation>
    </message>
    <message>
        <source>An order with one line cannot be split.</source>
        <translation>只有一行商品的订单不能拆分。</translation>
    </message>
</context>
<context>
    <name>StationView</name>
    <message>
        <source>Packing station</source>
        <translation>打包台</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>To pack</source>
        <translation>应装</translation>
    </message>
    <message>
        <source>Scanned</source>
        <translation>已扫</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Scan here — or type a code or a weight in kg and press Enter</source>
        <translation>在此扫描 — 或输入条码、重量（千克）后按回车</translation>
    </message>
    <message>
        <source>ship now</source>
        <translation>确认发货</translation>
    </message>
    <message>
        <source>new parcel</source>
        <translation>新包裹</translation>
    </message>
    <message>
        <source>weigh again</source>
        <translation>重新称重</translation>
    </message>
    <message>
        <source>type the weight</source>
        <translation>手动输入重量</translation>
    </message>
    <message>
        <source>no packing slip</source>
        <translation>不打装箱单</translation>
    </message>
    <message>
        <source>reprint label</source>
        <translation>重打面单</translation>
    </message>
    <message>
        <source>void label</source>
        <translation>作废面单</translation>
    </message>
    <message>
        <source>new label</source>
        <translation>换新面单</translation>
    </message>
    <message>
        <source>put aside</source>
        <translation>搁置订单</translation>
    </message>
    <message>
        <source>pre-printed label</source>
        <translation>预印面单</translation>
    </message>
    <message>
        <source>leave</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Receiver: %1</source>
        <translation>收件人：%1</translation>
    </message>
    <message>
        <source>Carrier: %1</source>
        <translation>快递：%1</translation>
    </message>
    <message>
        <source>Wave %1 (%2 to pack)</source>
        <translation>波次 %1（待打包 %2）</translation>
    </message>
    <message>
        <source>Buyer: %1</source>
        <translation>买家留言：%1</translation>
    </message>
    <message>
        <source>Memo: %1</source>
        <translation>卖家备注：%1</translation>
    </message>
    <message>
        <source>(in kit %1)</source>
        <translation>（套装 %1）</translation>
    </message>
    <message>
        <source>Parcel %1/%2: %3  %4 kg</source>
        <translation>包裹 %1/%2：%3  %4 kg</translation>
    </message>
    <message>
        <source>voided: %1</source>
        <translation>已作废：%1</translation>
    </message>
    <message>
        <source>Parcel %1: %2 items</source>
        <translation>包裹 %1：%2 件</translation>
    </message>
    <message>
        <source>%1 kg (expected %2)</source>
        <translation>%1 kg（应为 %2）</translation>
    </message>
    <message>
        <source>pre-printed label %1</source>
        <translation>预印面单 %1</translation>
    </message>
    <message>
        <source>No packing slip for this order</source>
        <translation>此订单不打印装箱单</translation>
    </message>
    <message>
        <source>Packing station commands</source>
        <translation>打包台指令条码</translation>
    </message>
    <message>
        <source>Scanning a barcode does what its key does.</source>
        <translation>用扫描枪扫描条码，等同于按下对应按键。</translation>
    </message>
</context>
<context>
    <name>StockDetail</name>
    <message>
        <source>Moves of all warehouses</source>
        <translation>显示所有仓库的出入库</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收货日</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>May sell</source>
        <translation>可售</translation>
    </message>
    <message>
        <source>Shop was told</source>
        <translation>已推送</translation>
    </message>
    <message>
        <source>Told at</source>
        <translation>推送时间</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Bins and lots</source>
        <translation>库位与批次</translation>
    </message>
    <message>
        <source>Moves</source>
        <translation>出入库记录</translation>
    </message>
    <message>
        <source>Published to shops</source>
        <translation>店铺可售</translation>
    </message>
    <message>
        <source>fixed %1</source>
        <translation>固定 %1</translation>
    </message>
    <message>
        <source>all but %1</source>
        <translation>全部减 %1</translation>
    </message>
    <message>
        <source>not sold</source>
        <translation>不售</translation>
    </message>
    <message>
        <source>%1 % of available</source>
        <translation>可用的 %1 %</translation>
    </message>
    <message>
        <source>Expired: not available</source>
        <translation>已过期：不可用</translation>
    </message>
</context>
<context>
    <name>StockDialog</name>
    <message>
        <source>&amp;Post</source>
        <translation>过账(&amp;P)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Scan or type the SKU first.</source>
        <translation>请先扫描或输入 SKU。</translation>
    </message>
    <message>
        <source>Type the quantity.</source>
        <translation>请输入数量。</translation>
    </message>
    <message>
        <source>A quantity has at most 3 decimals.</source>
        <translation>数量最多 3 位小数。</translation>
    </message>
    <message>
        <source>The quantity must be more than zero.</source>
        <translation>数量必须大于零。</translation>
    </message>
    <message>
        <source>The change must not be zero.</source>
        <translation>调整数量不能为零。</translation>
    </message>
    <message>
        <source>Posted: %1</source>
        <translation>已过账：%1</translation>
    </message>
    <message>
        <source>(choose a reason)</source>
        <translation>（请选择原因）</translation>
    </message>
</context>
<context>
    <name>StockDock</name>
    <message>
        <source>Filter: code, name, barcode or pinyin initials</source>
        <translation>筛选：编码、名称、条码或拼音首字母</translation>
    </message>
    <message>
        <source>Below safety stock</source>
        <translation>低于安全库存</translation>
    </message>
    <message>
        <source>Overstock</source>
        <translation>库存积压</translation>
    </message>
    <message>
        <source>Above the maximum stock, or more than %1 days of forecast demand</source>
        <translation>高于最高库存，或超过 %1 天的预测需求</translation>
    </message>
    <message>
        <source>Expiring within</source>
        <translation>临期：</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天内</translation>
    </message>
    <message>
        <source>Lots that expire within this many days, or have expired</source>
        <translation>在这么多天内到期或已过期的批次</translation>
    </message>
    <message>
        <source>&amp;Receive…</source>
        <translation>收货(&amp;R)…</translation>
    </message>
    <message>
        <source>Receive goods into a bin (Ctrl+R)</source>
        <translation>收货入库位（Ctrl+R）</translation>
    </message>
    <message>
        <source>&amp;Transfer…</source>
        <translation>移库/调拨(&amp;T)…</translation>
    </message>
    <message>
        <source>Move stock to another bin or ship it to another warehouse (Ctrl+T)</source>
        <translation>移到其他库位，或调拨发往其他仓库（Ctrl+T）</translation>
    </message>
    <message>
        <source>Receive trans&amp;fer…</source>
        <translation>调拨收货(&amp;F)…</translation>
    </message>
    <message>
        <source>Goods shipped from another warehouse arrive here</source>
        <translation>其他仓库调拨发来的货物到达本仓</translation>
    </message>
    <message>
        <source>&amp;Adjust…</source>
        <translation>调整(&amp;A)…</translation>
    </message>
    <message>
        <source>Correct a bin&apos;s quantity with a reason (Ctrl+J)</source>
        <translation>按原因更正库位数量（Ctrl+J）</translation>
    </message>
    <message>
        <source>&amp;Scrap…</source>
        <translation>报废(&amp;S)…</translation>
    </message>
    <message>
        <source>Take damaged, expired or defective goods out of stock</source>
        <translation>将破损、过期或有质量问题的货物报废出库</translation>
    </message>
    <message>
        <source>E&amp;xport to Excel</source>
        <translation>导出到 Excel(&amp;X)</translation>
    </message>
    <message>
        <source>Export the rows shown (filter, order, columns) to Excel</source>
        <translation>将显示的行（筛选、排序、列）导出到 Excel</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <source>Load the list again (F5)</source>
        <translation>重新加载列表（F5）</translation>
    </message>
    <message>
        <source>&amp;Stock</source>
        <translation>库存(&amp;S)</translation>
    </message>
    <message>
        <source>All warehouses</source>
        <translation>全部仓库</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部分类</translation>
    </message>
    <message>
        <source>Rows: %1</source>
        <translation>行数：%1</translation>
    </message>
    <message>
        <source>Stock (%1)</source>
        <translation>库存 (%1)</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) below safety stock</source>
        <translation>
            <numerusform>%n 行低于安全库存</numerusform>
        </translation>
    </message>
    <message>
        <source>Unknown barcode: %1 — no SKU has this barcode or code.</source>
        <translation>未知条码：%1 — 没有 SKU 使用此条码或编码。</translation>
    </message>
    <message>
        <source>Scanned %1: %2</source>
        <translation>已扫描 %1：%2</translation>
    </message>
    <message>
        <source>%1 (%2) has no stock in any warehouse.</source>
        <translation>%1（%2）在任何仓库都没有库存。</translation>
    </message>
    <message>
        <source>Posted: %1</source>
        <translation>已过账：%1</translation>
    </message>
    <message>
        <source>stock.xlsx</source>
        <translation>库存.xlsx</translation>
    </message>
    <message>
        <source>Export stock to Excel</source>
        <translation>导出库存到 Excel</translation>
    </message>
    <message>
        <source>Excel files (*.xlsx)</source>
        <translation>Excel 文件 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exported to %1 (rows: %2)</source>
        <translation>已导出到 %1（%2 行）</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>正在导出到 %1…</translation>
    </message>
</context>
<context>
    <name>StockTableModel</name>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Specification</source>
        <translation>规格</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>在库</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>已占用</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>可用</translation>
    </message>
    <message>
        <source>In transit</source>
        <translation>在途</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Safety stock</source>
        <translation>安全库存</translation>
    </message>
    <message>
        <source>Reorder point</source>
        <translation>再订货点</translation>
    </message>
    <message>
        <source>Days of cover</source>
        <translation>可售天数</translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation>单位成本</translation>
    </message>
    <message>
        <source>Value at cost</source>
        <translation>成本金额</translation>
    </message>
    <message>
        <source>On hand less reserved, less stock in expired lots</source>
        <translation>在库减去已占用，再减去已过期批次的库存</translation>
    </message>
    <message>
        <source>On hand in lots past their expiry date: not available</source>
        <translation>已过保质期批次的在库数量：不可用</translation>
    </message>
    <message>
        <source>Shipped from another warehouse to this one, not received yet</source>
        <translation>其他仓库已调拨发往本仓、尚未收货的数量</translation>
    </message>
    <message>
        <source>Rows below it are highlighted: red when nothing is available, else amber</source>
        <translation>低于安全库存的行会高亮：无可用库存为红色，否则为橙色</translation>
    </message>
    <message>
        <source>Available divided by the forecast daily demand</source>
        <translation>可用数量除以预测日需求</translation>
    </message>
    <message>
        <source>On hand at unit cost</source>
        <translation>在库数量 × 单位成本</translation>
    </message>
    <message>
        <source>Below safety stock: available %1, safety stock %2</source>
        <translation>低于安全库存：可用 %1，安全库存 %2</translation>
    </message>
    <message>
        <source>Overstock: more than %1 (the maximum, or %2 days of demand)</source>
        <translation>库存积压：超过 %1（最高库存，或 %2 天的需求）</translation>
    </message>
</context>
<context>
    <name>StockTexts</name>
    <message>
        <source>Receipt</source>
        <translation>收货</translation>
    </message>
    <message>
        <source>Shipment</source>
        <translation>发货</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>移库</translation>
    </message>
    <message>
        <source>Transfer shipped</source>
        <translation>调拨发出</translation>
    </message>
    <message>
        <source>Transfer received</source>
        <translation>调拨收货</translation>
    </message>
    <message>
        <source>Adjustment</source>
        <translation>调整</translation>
    </message>
    <message>
        <source>Stocktake</source>
        <translation>盘点</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>Scrap</source>
        <translation>报废</translation>
    </message>
    <message>
        <source>Bin</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>Receiving</source>
        <translation>收货区</translation>
    </message>
    <message>
        <source>Shipping</source>
        <translation>发货区</translation>
    </message>
    <message>
        <source>Staging</source>
        <translation>暂存区</translation>
    </message>
    <message>
        <source>In transit</source>
        <translation>在途</translation>
    </message>
</context>
<context>
    <name>StocktakeDock</name>
    <message>
        <source>Stocktake</source>
        <translation>盘点</translation>
    </message>
    <message>
        <source>&amp;New count…</source>
        <translation>新建盘点(&amp;N)…</translation>
    </message>
    <message>
        <source>Plan a count: whole warehouse, bins, a category or a cycle count (Ctrl+N)</source>
        <translation>新建盘点：整仓、指定库位、按品类或循环盘点（Ctrl+N）</translation>
    </message>
    <message>
        <source>&amp;Count</source>
        <translation>开始盘点(&amp;C)</translation>
    </message>
    <message>
        <source>Open the count screen for the scanner (Enter)</source>
        <translation>打开扫描盘点界面（回车）</translation>
    </message>
    <message>
        <source>C&amp;lose counting</source>
        <translation>结束盘点(&amp;L)</translation>
    </message>
    <message>
        <source>Every bin is counted: fix the differences</source>
        <translation>所有库位已盘点：锁定差异</translation>
    </message>
    <message>
        <source>&amp;Reopen</source>
        <translation>重新打开(&amp;R)</translation>
    </message>
    <message>
        <source>Back to counting, e.g. to recount a bin</source>
        <translation>回到盘点中，例如复盘某个库位</translation>
    </message>
    <message>
        <source>&amp;Post count</source>
        <translation>过账(&amp;P)</translation>
    </message>
    <message>
        <source>Write the differences to the stock ledger</source>
        <translation>将盘点差异写入库存流水</translation>
    </message>
    <message>
        <source>Cancel count</source>
        <translation>取消盘点</translation>
    </message>
    <message>
        <source>Export &amp;PDF…</source>
        <translation>导出 &amp;PDF…</translation>
    </message>
    <message>
        <source>The variance report as a PDF to print</source>
        <translation>将盘点差异报告导出为 PDF 以便打印</translation>
    </message>
    <message>
        <source>Export to E&amp;xcel…</source>
        <translation>导出到 E&amp;xcel…</translation>
    </message>
    <message>
        <source>The variance report as an Excel workbook</source>
        <translation>将盘点差异报告导出为 Excel 工作簿</translation>
    </message>
    <message>
        <source>Serial scanner…</source>
        <translation>串口扫描枪…</translation>
    </message>
    <message>
        <source>Connect a scanner on a serial or USB (CDC) port</source>
        <translation>连接串口或 USB（CDC 虚拟串口）扫描枪</translation>
    </message>
    <message>
        <source>Open counts only</source>
        <translation>仅显示未完成的盘点</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>盘点单</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Blind</source>
        <translation>盲盘</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Bins counted</source>
        <translation>已盘库位</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>创建人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Bin</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Counted by</source>
        <translation>盘点人</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>扫描次数</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Recounts</source>
        <translation>复盘次数</translation>
    </message>
    <message>
        <source>Moves while counting</source>
        <translation>盘点期间出入库</translation>
    </message>
    <message>
        <source>Bins</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>Only differences</source>
        <translation>仅显示差异</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>商品编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>账面数量</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>实盘数量</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差异数量</translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation>单位成本</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>差异金额</translation>
    </message>
    <message>
        <source>Differences</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>Unknown barcodes</source>
        <translation>未知条码</translation>
    </message>
    <message>
        <source>Serial scanner off</source>
        <translation>串口扫描枪未启用</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Unknown barcodes (%1)</source>
        <translation>未知条码（%1）</translation>
    </message>
    <message>
        <source>Over %1 (%2) · short %3 (%4) · net %5 · lines with a difference: %6 of %7</source>
        <translation>盘盈 %1（%2）· 盘亏 %3（%4）· 净差异金额 %5 · 有差异明细：%6 / %7</translation>
    </message>
    <message>
        <source>bins not counted yet: %1</source>
        <translation>尚未盘点的库位：%1</translation>
    </message>
    <message>
        <source>Scanned %1: open a count that is being counted first.</source>
        <translation>扫描到 %1：请先打开一张正在盘点的盘点单。</translation>
    </message>
    <message>
        <source>Count %1 is planned: counters can start.</source>
        <translation>盘点单 %1 已创建：盘点人员可以开始盘点。</translation>
    </message>
    <message>
        <source>Counting of %1 is closed: check the differences, then post.</source>
        <translation>%1 已结束盘点：请核对差异后过账。</translation>
    </message>
    <message>
        <source>%1 is open for counting again.</source>
        <translation>%1 已重新打开，可继续盘点。</translation>
    </message>
    <message>
        <source>Cancel %1? What was counted is kept but never posted.</source>
        <translation>取消 %1？已盘点的记录会保留，但不会过账。</translation>
    </message>
    <message>
        <source>%1 is cancelled.</source>
        <translation>%1 已取消。</translation>
    </message>
    <message>
        <source>Post count</source>
        <translation>过账</translation>
    </message>
    <message>
        <source>Post %1? Each difference becomes a stocktake move in the stock ledger; this cannot be undone.</source>
        <translation>过账 %1？每条差异都会在库存流水中生成一条盘点调整记录，过账后不可撤销。</translation>
    </message>
    <message>
        <source>%1 is posted: %2 stock adjustment(s).</source>
        <translation>%1 已过账：共 %2 条库存调整。</translation>
    </message>
    <message>
        <source>Posting %1…</source>
        <translation>正在过账 %1…</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Excel files (*.xlsx)</source>
        <translation>Excel 文件 (*.xlsx)</translation>
    </message>
    <message>
        <source>Export the variance report</source>
        <translation>导出盘点差异报告</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>正在导出到 %1…</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
</context>
<context>
    <name>SuggestionTableModel</name>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>可用</translation>
    </message>
    <message>
        <source>In transit</source>
        <translation>在途</translation>
    </message>
    <message>
        <source>Forecast/day</source>
        <translation>日预测</translation>
    </message>
    <message>
        <source>Safety stock</source>
        <translation>安全库存</translation>
    </message>
    <message>
        <source>Reorder point</source>
        <translation>再订货点</translation>
    </message>
    <message>
        <source>Suggested qty</source>
        <translation>建议采购量</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>MOQ</source>
        <translation>最小起订量</translation>
    </message>
    <message>
        <source>Pack size</source>
        <translation>每箱数量</translation>
    </message>
    <message>
        <source>Order value</source>
        <translation>采购金额</translation>
    </message>
    <message>
        <source>Available is below the safety stock</source>
        <translation>可用库存低于安全库存</translation>
    </message>
</context>
<context>
    <name>TrackingImportDialog</name>
    <message>
        <source>Import tracking numbers</source>
        <translation>导入快递单号</translation>
    </message>
    <message>
        <source>Carrier: %1 — numbers left in its pool: %2</source>
        <translation>快递公司：%1 — 单号池剩余：%2 个</translation>
    </message>
    <message>
        <source>From a file (one number per line)</source>
        <translation>从文件导入（每行一个单号）</translation>
    </message>
    <message>
        <source>A range of numbers</source>
        <translation>号段</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Numbers the pool has already are counted, not added, so a file imported twice adds nothing. UPU numbers (EA123456785CN) in a range get their check digits.</source>
        <translation>单号池中已有的单号只计数不重复添加，同一文件导入两次不会多出单号。号段中的 UPU 单号（EA123456785CN）会自动计算校验位。</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Tracking numbers</source>
        <translation>快递单号</translation>
    </message>
    <message>
        <source>Text files (*.txt *.csv);;All files (*)</source>
        <translation>文本文件 (*.txt *.csv);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <source>Transfer stock</source>
        <translation>移库 / 调拨</translation>
    </message>
    <message>
        <source>To another bin</source>
        <translation>移到本仓其他库位</translation>
    </message>
    <message>
        <source>To another warehouse (ship; received there later)</source>
        <translation>调拨到其他仓库（发出后由对方仓库收货）</translation>
    </message>
    <message>
        <source>transfer note, optional</source>
        <translation>调拨单号，可不填</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Bin</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>单据号</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Choose the bin the goods go to.</source>
        <translation>请选择目标库位。</translation>
    </message>
    <message>
        <source>Choose the warehouse the goods go to.</source>
        <translation>请选择目标仓库。</translation>
    </message>
    <message>
        <source>%1 × %2%3</source>
        <translation>%1 × %2%3</translation>
    </message>
    <message>
        <source>%1 moved from %2 to %3</source>
        <translation>%1 已从 %2 移到 %3</translation>
    </message>
    <message>
        <source>%1 shipped from %2 to %3 (in transit)</source>
        <translation>%1 已从 %2 调拨发往 %3（在途）</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>登录名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>PostgreSQL login</source>
        <translation>PostgreSQL 登录角色</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Change role…</source>
        <translation>更改角色…</translation>
    </message>
    <message>
        <source>Set password…</source>
        <translation>设置密码…</translation>
    </message>
    <message>
        <source>Disable / enable</source>
        <translation>停用 / 启用</translation>
    </message>
    <message>
        <source>active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Role of %1</source>
        <translation>%1 的角色</translation>
    </message>
    <message>
        <source>Password of %1</source>
        <translation>%1 的密码</translation>
    </message>
</context>
<context>
    <name>ValueEditor</name>
    <message>
        <source>SKU codes, apart by commas</source>
        <translation>SKU 编码，用逗号分隔</translation>
    </message>
    <message>
        <source>Words, apart by commas</source>
        <translation>关键词，用逗号分隔</translation>
    </message>
    <message>
        <source> h</source>
        <translation> 点</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
</context>
<context>
    <name>WavesTab</name>
    <message>
        <source>Warehouse:</source>
        <translation>仓库：</translation>
    </message>
    <message>
        <source>Carrier:</source>
        <translation>快递公司：</translation>
    </message>
    <message>
        <source>&amp;Create waves…</source>
        <translation>生成波次(&amp;C)…</translation>
    </message>
    <message>
        <source>Put approved orders into waves by warehouse and carrier (Ctrl+N)</source>
        <translation>把已审核订单按仓库和快递公司生成波次 (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;Pick by scanning</source>
        <translation>扫描拣货(&amp;P)</translation>
    </message>
    <message>
        <source>Confirm the selected wave&apos;s picks by scanning bins and items (optional; Ctrl+K)</source>
        <translation>扫描库位和商品确认所选波次的拣货（可选；Ctrl+K）</translation>
    </message>
    <message>
        <source>&amp;Short pick…</source>
        <translation>缺货登记(&amp;S)…</translation>
    </message>
    <message>
        <source>Fewer found than the list says: the orders that cannot be filled go back to waiting for stock (F8)</source>
        <translation>实际数量少于拣货单：无法备齐的订单退回待补货 (F8)</translation>
    </message>
    <message>
        <source>Print picking &amp;lists</source>
        <translation>打印拣货单(&amp;L)</translation>
    </message>
    <message>
        <source>The selected waves&apos; picking lists as one PDF (Ctrl+P)</source>
        <translation>所选波次的拣货单，合成一个 PDF (Ctrl+P)</translation>
    </message>
    <message>
        <source>Print &amp;invoices (发货单)</source>
        <translation>打印发货单(&amp;I)</translation>
    </message>
    <message>
        <source>An invoice per order of the selected waves, as one PDF (Ctrl+Shift+P)</source>
        <translation>所选波次每个订单一张发货单，合成一个 PDF (Ctrl+Shift+P)</translation>
    </message>
    <message>
        <source>Print packing sli&amp;ps</source>
        <translation>打印装箱单(&amp;P)</translation>
    </message>
    <message>
        <source>A packing slip per order of the selected waves, as one PDF (Ctrl+Alt+P)</source>
        <translation>所选波次每个订单一张装箱单，合成一个 PDF (Ctrl+Alt+P)</translation>
    </message>
    <message>
        <source>Cancel &amp;wave…</source>
        <translation>取消波次(&amp;W)…</translation>
    </message>
    <message>
        <source>Every order still to pack leaves the wave, with a reason</source>
        <translation>所有未打包的订单移出波次，需填写原因</translation>
    </message>
    <message>
        <source>&amp;Take order out of wave…</source>
        <translation>订单移出波次(&amp;T)…</translation>
    </message>
    <message>
        <source>The order selected below leaves its wave (its goods go back to the shelf), with a reason (Ctrl+Shift+T)</source>
        <translation>下方所选订单移出波次（商品放回货架），需填写原因 (Ctrl+Shift+T)</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <source>Load the waves again (F5)</source>
        <translation>重新加载波次 (F5)</translation>
    </message>
    <message>
        <source>Pick list</source>
        <translation>拣货明细</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>All warehouses</source>
        <translation>全部仓库</translation>
    </message>
    <message>
        <source>All carriers</source>
        <translation>全部快递公司</translation>
    </message>
    <message>
        <source>Pick list (%1)</source>
        <translation>拣货明细 (%1)</translation>
    </message>
    <message>
        <source>Orders (%1)</source>
        <translation>订单 (%1)</translation>
    </message>
    <message>
        <source>Creating waves…</source>
        <translation>正在生成波次…</translation>
    </message>
    <message>
        <source>No wave was made: no approved order qualifies (each needs a warehouse and a carrier, and must not be in a wave already).</source>
        <translation>没有生成波次：没有符合条件的已审核订单（需已分配仓库和快递公司，且不在其他波次中）。</translation>
    </message>
    <message numerus="yes">
        <source>%n wave(s) created: %1 (%2 orders)</source>
        <translation>
            <numerusform>已生成 %n 个波次：%1（%2 个订单）</numerusform>
        </translation>
    </message>
    <message>
        <source>picking-list-%1</source>
        <translation>拣货单-%1</translation>
    </message>
    <message>
        <source>The selected waves have no orders left.</source>
        <translation>所选波次已没有订单。</translation>
    </message>
    <message>
        <source>invoices-%1</source>
        <translation>发货单-%1</translation>
    </message>
    <message>
        <source>packing-slips-%1</source>
        <translation>装箱单-%1</translation>
    </message>
    <message>
        <source>Cancel wave</source>
        <translation>取消波次</translation>
    </message>
    <message>
        <source>Why cancel wave %1? Its orders still to pack go back to approved and their goods back to the shelf.</source>
        <translation>为什么取消波次 %1？未打包的订单回到已审核，商品放回货架。</translation>
    </message>
    <message>
        <source>Wave %1 is cancelled: %2 order(s) taken out.</source>
        <translation>波次 %1 已取消：%2 个订单移出。</translation>
    </message>
    <message>
        <source>Take order out of wave</source>
        <translation>订单移出波次</translation>
    </message>
    <message>
        <source>Why take order %1 out of its wave? Its goods go back to the shelf.</source>
        <translation>为什么把订单 %1 移出波次？商品放回货架。</translation>
    </message>
    <message>
        <source>Take out</source>
        <translation>移出</translation>
    </message>
    <message>
        <source>Order %1 is out of its wave; it is now: %2</source>
        <translation>订单 %1 已移出波次；当前状态：%2</translation>
    </message>
</context>
<context>
    <name>_FromBinDialog</name>
    <message>
        <source>Choose the bin.</source>
        <translation>请选择库位。</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>erp-desktop cannot start</source>
        <translation>erp-desktop 无法启动</translation>
    </message>
</context>
<context>
    <name>devices</name>
    <message>
        <source>the printer refused the connection (switched off, or a wrong address or port?)</source>
        <translation>打印机拒绝连接（未开机，或地址、端口有误？）</translation>
    </message>
    <message>
        <source>the printer did not answer in time (switched off, out of paper, or not on the network?)</source>
        <translation>打印机没有及时响应（未开机、缺纸，或不在网络上？）</translation>
    </message>
    <message>
        <source>no computer has this name on the network</source>
        <translation>网络上找不到这个主机名</translation>
    </message>
    <message>
        <source>the printer is not plugged in, or the port or queue does not exist</source>
        <translation>打印机未连接，或端口、队列不存在</translation>
    </message>
    <message>
        <source>this user may not use the port (on Linux: add the user to the lp or dialout group)</source>
        <translation>当前用户无权使用该端口（Linux：把用户加入 lp 或 dialout 组）</translation>
    </message>
    <message>
        <source>the port is in use by another program</source>
        <translation>端口正被其他程序占用</translation>
    </message>
    <message>
        <source>sending failed</source>
        <translation>发送失败</translation>
    </message>
    <message>
        <source>the CUPS print client (lp) is not installed</source>
        <translation>未安装 CUPS 打印客户端（lp）</translation>
    </message>
    <message>
        <source>CUPS refused the job</source>
        <translation>CUPS 拒绝了打印任务</translation>
    </message>
    <message>
        <source>the Windows spooler is only on Windows</source>
        <translation>Windows 打印后台只在 Windows 上可用</translation>
    </message>
    <message>
        <source>pywin32 is not installed</source>
        <translation>未安装 pywin32</translation>
    </message>
    <message>
        <source>the Windows spooler refused the job</source>
        <translation>Windows 打印后台拒绝了打印任务</translation>
    </message>
    <message>
        <source>the printer settings are incomplete</source>
        <translation>打印机设置不完整</translation>
    </message>
    <message>
        <source>no label printer is set up at this station (Settings &gt; Devices)</source>
        <translation>本工位没有设置标签打印机（设置 &gt; 设备）</translation>
    </message>
    <message>
        <source>Label printer %1: %2</source>
        <translation>标签打印机 %1：%2</translation>
    </message>
    <message>
        <source>too heavy for the scale</source>
        <translation>超出电子秤量程</translation>
    </message>
    <message>
        <source>below the scale&apos;s range (zero it)</source>
        <translation>低于电子秤量程（请归零）</translation>
    </message>
    <message>
        <source>the scale is busy or still moving</source>
        <translation>电子秤忙或读数未稳定</translation>
    </message>
    <message>
        <source>the scale did not understand the command (check the protocol)</source>
        <translation>电子秤不认识该指令（请检查协议）</translation>
    </message>
    <message>
        <source>no steady weight in time: keep the parcel still on the scale</source>
        <translation>没有及时得到稳定重量：请让包裹在秤上保持不动</translation>
    </message>
    <message>
        <source>the scale is not connected (cable, port, speed?)</source>
        <translation>电子秤未连接（检查线缆、端口、波特率）</translation>
    </message>
    <message>
        <source>this scale cannot do that from the computer: use its keypad</source>
        <translation>这台电子秤不支持从电脑操作：请用秤上的按键</translation>
    </message>
    <message>
        <source>no scale is set up at this station (Settings &gt; Devices)</source>
        <translation>本工位没有设置电子秤（设置 &gt; 设备）</translation>
    </message>
    <message>
        <source>Scale: %1</source>
        <translation>电子秤：%1</translation>
    </message>
    <message>
        <source>The label cannot be made: %1</source>
        <translation>无法生成标签：%1</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>扫描枪</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>电子秤</translation>
    </message>
    <message>
        <source>Label printer</source>
        <translation>标签打印机</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>error</source>
        <translation>出错</translation>
    </message>
</context>
<context>
    <name>fulfilment</name>
    <message>
        <source>%1 — does not fit its %2 mm labels</source>
        <translation>%1 — 与其 %2 mm 面单尺寸不符</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <source>Active</source>
        <comment>carrier in use</comment>
        <translation>启用</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Numbers left</source>
        <translation>剩余单号</translation>
    </message>
    <message>
        <source>Label layout</source>
        <translation>面单模板</translation>
    </message>
    <message>
        <source>Last import</source>
        <translation>最近导入</translation>
    </message>
    <message>
        <source>Bin</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>有效期</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Picked</source>
        <translation>已拣</translation>
    </message>
    <message>
        <source>Short</source>
        <translation>缺货</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <source>Short reason</source>
        <translation>缺货原因</translation>
    </message>
    <message>
        <source>Invoices (发货单)</source>
        <translation>发货单</translation>
    </message>
    <message>
        <source>Packing slips</source>
        <translation>装箱单</translation>
    </message>
    <message>
        <source>Picking lists</source>
        <translation>拣货单</translation>
    </message>
    <message>
        <source>Shipping labels</source>
        <translation>快递面单</translation>
    </message>
    <message>
        <source>Printing %1 (%2)…</source>
        <translation>正在打印%1（%2 份）…</translation>
    </message>
    <message>
        <source>Shipped</source>
        <comment>when</comment>
        <translation>发货时间</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Parcel</source>
        <translation>包裹</translation>
    </message>
    <message>
        <source>Tracking no.</source>
        <translation>快递单号</translation>
    </message>
    <message>
        <source>Weight (kg)</source>
        <translation>重量 (kg)</translation>
    </message>
    <message>
        <source>Packer</source>
        <translation>打包员</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Shop told</source>
        <translation>回传店铺</translation>
    </message>
    <message>
        <source>Label prints</source>
        <translation>面单打印次数</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>Picking</source>
        <translation>拣货中</translation>
    </message>
    <message>
        <source>Picked</source>
        <comment>wave status</comment>
        <translation>已拣完</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Active</source>
        <comment>waves not done or cancelled</comment>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <source>Voided</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>Not yet told</source>
        <translation>未回传</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>已回传</translation>
    </message>
    <message>
        <source>In a shipment file</source>
        <translation>已写入发货文件</translation>
    </message>
    <message>
        <source>Refused by the shop</source>
        <translation>店铺拒绝</translation>
    </message>
    <message>
        <source>Bin empty</source>
        <translation>库位为空</translation>
    </message>
    <message>
        <source>Fewer in the bin than the list says</source>
        <translation>库位数量少于拣货单</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>破损</translation>
    </message>
    <message>
        <source>Another item in the bin</source>
        <translation>库位里是别的商品</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Misprinted label</source>
        <translation>面单打印错误</translation>
    </message>
    <message>
        <source>Wrong carrier</source>
        <translation>快递公司错误</translation>
    </message>
    <message>
        <source>Parcel packed again</source>
        <translation>包裹重新打包</translation>
    </message>
    <message>
        <source>Order cancelled</source>
        <translation>订单已取消</translation>
    </message>
    <message>
        <source>To pack later</source>
        <translation>稍后打包</translation>
    </message>
    <message>
        <source>Made by mistake</source>
        <translation>误操作生成</translation>
    </message>
    <message>
        <source>Carrier changed</source>
        <translation>更换快递公司</translation>
    </message>
    <message>
        <source>No picker free</source>
        <translation>没有空闲拣货员</translation>
    </message>
    <message>
        <source>Short pick: not found in the bin</source>
        <translation>缺货：库位中未找到</translation>
    </message>
    <message>
        <source>Wave cancelled</source>
        <translation>波次已取消</translation>
    </message>
    <message>
        <source>Cancelled on the platform</source>
        <translation>平台上已取消</translation>
    </message>
    <message>
        <source>%1 is neither a bin of this wave nor a known item: not counted.</source>
        <translation>%1 既不是本波次的库位也不是已知商品：未计数。</translation>
    </message>
    <message>
        <source>%1 is not on this wave&apos;s list: put it back.</source>
        <translation>%1 不在本波次的拣货单上：请放回。</translation>
    </message>
    <message>
        <source>%1 is not to be picked from %2: look at the list for its bin.</source>
        <translation>%1 不应从 %2 拣：请查看拣货单上的库位。</translation>
    </message>
    <message>
        <source>Only %1 of %2 are left to pick in %3: not counted.</source>
        <translation>%3 中 %2 只剩 %1 件待拣：未计数。</translation>
    </message>
    <message>
        <source>The range is not FIRST-LAST of one kind of number: %1</source>
        <translation>号段不是同一种单号的“起始-结束”格式：%1</translation>
    </message>
    <message>
        <source>A number of the range has a wrong check digit: %1</source>
        <translation>号段中的单号校验位错误：%1</translation>
    </message>
    <message>
        <source>The range is too long: %1</source>
        <translation>号段太长：%1</translation>
    </message>
    <message>
        <source>Wave %1 is %2: nothing more can be done in it.</source>
        <translation>波次 %1 %2：不能再操作。</translation>
    </message>
    <message>
        <source>Order %1 is in no wave (it is %2).</source>
        <translation>订单 %1 不在任何波次中（当前：%2）。</translation>
    </message>
    <message>
        <source>The label %1 is voided: it is not printed or voided again.</source>
        <translation>面单 %1 已作废：不能再打印或作废。</translation>
    </message>
    <message>
        <source>The tracking number pool of %1 is empty: import numbers first.</source>
        <translation>%1 的单号池已用完：请先导入快递单号。</translation>
    </message>
    <message>
        <source>Tracking number %1 is on another parcel already.</source>
        <translation>快递单号 %1 已用在另一个包裹上。</translation>
    </message>
    <message>
        <source>Order %1 must not ship: %2.</source>
        <translation>订单 %1 不能发货：%2。</translation>
    </message>
    <message>
        <source>Nothing is left to pack in wave %1.</source>
        <translation>波次 %1 已没有要打包的订单。</translation>
    </message>
    <message>
        <source>Cancelled: nothing was written.</source>
        <translation>已取消：没有写入任何文件。</translation>
    </message>
    <message>
        <source>Wave</source>
        <translation>波次</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Single items</source>
        <translation>单品单件</translation>
    </message>
    <message>
        <source>Pick lines</source>
        <translation>拣货行</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Taken out</source>
        <translation>已移出</translation>
    </message>
</context>
<context>
    <name>ops</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
    <message>
        <source>SKU code</source>
        <translation>SKU 编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Product code</source>
        <translation>产品编码</translation>
    </message>
    <message>
        <source>Specification</source>
        <translation>规格</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>售价</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <source>Weight (kg)</source>
        <translation>重量 (kg)</translation>
    </message>
    <message>
        <source>Length (cm)</source>
        <translation>长 (cm)</translation>
    </message>
    <message>
        <source>Width (cm)</source>
        <translation>宽 (cm)</translation>
    </message>
    <message>
        <source>Height (cm)</source>
        <translation>高 (cm)</translation>
    </message>
    <message>
        <source>Barcodes</source>
        <translation>条码</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>条码</translation>
    </message>
    <message>
        <source>Kit components</source>
        <translation>组合组件</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>必填</translation>
    </message>
    <message>
        <source>may not contain spaces</source>
        <translation>不能包含空格</translation>
    </message>
    <message>
        <source>is too long</source>
        <translation>太长</translation>
    </message>
    <message>
        <source>is not a number</source>
        <translation>不是有效的数字</translation>
    </message>
    <message>
        <source>may not be negative</source>
        <translation>不能为负数</translation>
    </message>
    <message>
        <source>must be more than zero</source>
        <translation>必须大于零</translation>
    </message>
    <message>
        <source>has too many decimals</source>
        <translation>小数位数过多</translation>
    </message>
    <message>
        <source>is too large</source>
        <translation>数值过大</translation>
    </message>
    <message>
        <source>is not one of the allowed values</source>
        <translation>不是允许的取值</translation>
    </message>
    <message>
        <source>may contain printable ASCII only, no spaces</source>
        <translation>只能包含可打印的 ASCII 字符，不能有空格</translation>
    </message>
    <message>
        <source>has a wrong length (a GTIN without its check digit?)</source>
        <translation>长度不对（是否缺少校验位？）</translation>
    </message>
    <message>
        <source>has a wrong check digit</source>
        <translation>校验位错误</translation>
    </message>
    <message>
        <source>looks like a number that lost digits</source>
        <translation>看起来像是丢失了位数的数字</translation>
    </message>
    <message>
        <source>is a duplicate (already used, or listed twice)</source>
        <translation>重复（已被使用或填写了两次）</translation>
    </message>
    <message>
        <source>cannot contain the kit itself</source>
        <translation>组合商品不能包含自身</translation>
    </message>
    <message>
        <source>is already used by another SKU</source>
        <translation>已被其他 SKU 使用</translation>
    </message>
    <message>
        <source>is a component of a kit</source>
        <translation>是某个组合商品的组件</translation>
    </message>
    <message>
        <source>names an unknown SKU</source>
        <translation>SKU 不存在</translation>
    </message>
    <message>
        <source>is itself a kit (kits cannot contain kits)</source>
        <translation>本身是组合商品（组合商品不能嵌套）</translation>
    </message>
    <message>
        <source>names an unknown category</source>
        <translation>分类不存在</translation>
    </message>
    <message>
        <source>names an unknown unit</source>
        <translation>单位不存在</translation>
    </message>
    <message>
        <source>differs from the category of the same product on another row</source>
        <translation>与另一行中同一产品的分类不一致</translation>
    </message>
    <message>
        <source>names a component whose own row has errors</source>
        <translation>所列组件在其所在行有错误</translation>
    </message>
    <message>
        <source>was refused by the database</source>
        <translation>被数据库拒绝</translation>
    </message>
    <message>
        <source>is a second column for the same field</source>
        <translation>与另一列表示同一字段</translation>
    </message>
    <message>
        <source>the file has no SKU code column</source>
        <translation>文件中没有 SKU 编码列</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>文件为空</translation>
    </message>
    <message>
        <source>the workbook has no such sheet</source>
        <translation>工作簿中没有该工作表</translation>
    </message>
    <message>
        <source>the file is not .xlsx or .csv</source>
        <translation>文件不是 .xlsx 或 .csv 格式</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>a field, then what is wrong with it</comment>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Please correct the input</source>
        <translation>请更正输入</translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation>已被他人修改</translation>
    </message>
    <message>
        <source>%1 %2 was changed by someone else since you opened it. Reload it and make your change again.</source>
        <translation>自您打开以来，%1 %2 已被他人修改。请重新加载后再做修改。</translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation>无权操作</translation>
    </message>
    <message>
        <source>Your role may not %1. Ask an administrator if you need to.</source>
        <translation>您的角色无权%1。如有需要，请联系管理员。</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>%1 %2 does not exist (any more).</source>
        <translation>%1 %2 不存在（可能已被删除）。</translation>
    </message>
    <message>
        <source>Not enough stock</source>
        <translation>库存不足</translation>
    </message>
    <message>
        <source>Not enough stock of %1 in warehouse %2: wanted %3, available %4.</source>
        <translation>仓库 %2 中 %1 的库存不足：需要 %3，可用 %4。</translation>
    </message>
    <message>
        <source>Not possible</source>
        <translation>无法执行</translation>
    </message>
    <message>
        <source>The stock rules refuse this: %1</source>
        <translation>库存规则不允许此操作：%1</translation>
    </message>
    <message>
        <source>Device problem</source>
        <translation>设备问题</translation>
    </message>
    <message>
        <source>Connection lost</source>
        <translation>连接已断开</translation>
    </message>
    <message>
        <source>The connection to the database was lost. Check the network or the server and try again; nothing was half-saved.</source>
        <translation>与数据库的连接已断开。请检查网络或服务器后重试；不会有只保存了一半的数据。</translation>
    </message>
    <message>
        <source>Cannot open the file</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <source>The file cannot be opened: %1</source>
        <translation>无法打开文件：%1</translation>
    </message>
    <message>
        <source>File error</source>
        <translation>文件错误</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>Something went wrong: %1</source>
        <translation>出错了：%1</translation>
    </message>
    <message>
        <source>Order %1 cannot go from “%2” to “%3”: someone may have moved it meanwhile. Reload and look at it again.</source>
        <translation>订单 %1 不能从“%2”变为“%3”：可能已被他人处理。请刷新后再查看。</translation>
    </message>
    <message>
        <source>Your role may not do this: the database refused it. Ask an administrator if you need to.</source>
        <translation>您的角色无权执行此操作：数据库已拒绝。如有需要请联系管理员。</translation>
    </message>
    <message>
        <source>The order&apos;s workflow does not allow this step: %1</source>
        <translation>订单流程不允许此步骤：%1</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>save SKUs</source>
        <translation>保存 SKU</translation>
    </message>
    <message>
        <source>import SKUs</source>
        <translation>导入 SKU</translation>
    </message>
    <message>
        <source>add users</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <source>set passwords</source>
        <translation>设置密码</translation>
    </message>
    <message>
        <source>enable or disable users</source>
        <translation>启用或停用用户</translation>
    </message>
    <message>
        <source>change roles</source>
        <translation>更改角色</translation>
    </message>
    <message>
        <source>receive goods</source>
        <translation>收货</translation>
    </message>
    <message>
        <source>post stock adjustments</source>
        <translation>过账库存调整</translation>
    </message>
    <message>
        <source>scrap stock</source>
        <translation>报废库存</translation>
    </message>
    <message>
        <source>move stock between bins</source>
        <translation>在库位之间移库</translation>
    </message>
    <message>
        <source>ship transfers to other warehouses</source>
        <translation>向其他仓库调拨发货</translation>
    </message>
    <message>
        <source>receive transfers</source>
        <translation>调拨收货</translation>
    </message>
    <message>
        <source>read stock</source>
        <translation>查看库存</translation>
    </message>
    <message>
        <source>A kit is not stocked itself: move its components instead.</source>
        <translation>组合商品本身没有库存：请操作它的组件。</translation>
    </message>
    <message>
        <source>Goods are received into a bin, not into transit.</source>
        <translation>货物应收入库位，而不是在途。</translation>
    </message>
    <message>
        <source>The bins are in two warehouses: ship the transfer and receive it there instead.</source>
        <translation>两个库位属于不同仓库：请改为调拨发货，再在对方仓库收货。</translation>
    </message>
    <message>
        <source>Goods reach transit only by shipping a transfer.</source>
        <translation>只有调拨发货才会使货物进入在途。</translation>
    </message>
    <message>
        <source>Within one warehouse, move the goods between bins.</source>
        <translation>同一仓库内请在库位之间移库。</translation>
    </message>
    <message>
        <source>An adjustment needs a reason.</source>
        <translation>库存调整需要原因。</translation>
    </message>
    <message>
        <source>Scrapping needs a reason.</source>
        <translation>报废需要原因。</translation>
    </message>
    <message>
        <source>The quantity must be more than zero.</source>
        <translation>数量必须大于零。</translation>
    </message>
    <message>
        <source>A quantity has at most 3 decimals.</source>
        <translation>数量最多 3 位小数。</translation>
    </message>
</context>
<context>
    <name>print_preview</name>
    <message>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
</context>
<context>
    <name>stocktake</name>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Counting</source>
        <translation>盘点中</translation>
    </message>
    <message>
        <source>Counted, not posted</source>
        <translation>已盘点，待过账</translation>
    </message>
    <message>
        <source>Posted</source>
        <translation>已过账</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>not counted</source>
        <translation>未盘点</translation>
    </message>
    <message>
        <source>counting</source>
        <translation>盘点中</translation>
    </message>
    <message>
        <source>counted</source>
        <translation>已盘点</translation>
    </message>
    <message>
        <source>to recount</source>
        <translation>待复盘</translation>
    </message>
    <message>
        <source>Whole warehouse</source>
        <translation>整仓盘点</translation>
    </message>
    <message>
        <source>Chosen bins</source>
        <translation>指定库位</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>按品类</translation>
    </message>
    <message>
        <source>Cycle count</source>
        <translation>循环盘点</translation>
    </message>
    <message>
        <source>count</source>
        <translation>盘点</translation>
    </message>
    <message>
        <source>count stock</source>
        <translation>盘点库存</translation>
    </message>
    <message>
        <source>start counting</source>
        <translation>开始盘点</translation>
    </message>
    <message>
        <source>start counting a bin</source>
        <translation>开始盘点库位</translation>
    </message>
    <message>
        <source>finish the bin</source>
        <translation>完成该库位</translation>
    </message>
    <message>
        <source>finish a bin</source>
        <translation>完成库位</translation>
    </message>
    <message>
        <source>resume the bin</source>
        <translation>继续盘点该库位</translation>
    </message>
    <message>
        <source>resume a bin</source>
        <translation>继续盘点库位</translation>
    </message>
    <message>
        <source>recount the bin</source>
        <translation>复盘该库位</translation>
    </message>
    <message>
        <source>recount a bin</source>
        <translation>复盘库位</translation>
    </message>
    <message>
        <source>record a scan</source>
        <translation>记录扫描</translation>
    </message>
    <message>
        <source>close the count</source>
        <translation>结束该盘点</translation>
    </message>
    <message>
        <source>close counts</source>
        <translation>结束盘点</translation>
    </message>
    <message>
        <source>reopen the count</source>
        <translation>重新打开该盘点</translation>
    </message>
    <message>
        <source>reopen counts</source>
        <translation>重新打开盘点</translation>
    </message>
    <message>
        <source>cancel the count</source>
        <translation>取消该盘点</translation>
    </message>
    <message>
        <source>cancel counts</source>
        <translation>取消盘点</translation>
    </message>
    <message>
        <source>post the count</source>
        <translation>过账该盘点</translation>
    </message>
    <message>
        <source>post counts</source>
        <translation>盘点过账</translation>
    </message>
    <message>
        <source>plan counts</source>
        <translation>新建盘点</translation>
    </message>
    <message>
        <source>add bins</source>
        <translation>添加库位</translation>
    </message>
    <message>
        <source>Cannot %1: bin %2 is %3.</source>
        <translation>无法%1：库位 %2 的状态为“%3”。</translation>
    </message>
    <message>
        <source>Cannot %1: count %2 is %3.</source>
        <translation>无法%1：盘点单 %2 的状态为“%3”。</translation>
    </message>
    <message>
        <source>%1 is a kit: count its components, not the kit.</source>
        <translation>%1 是组合商品：请盘点其组件，而不是组合商品本身。</translation>
    </message>
    <message>
        <source>%1 is not part of this count — not counted.</source>
        <translation>%1 不在本次盘点范围内 — 未计数。</translation>
    </message>
    <message>
        <source>%1 bin(s) are not counted yet: %2</source>
        <translation>还有 %1 个库位未盘点：%2</translation>
    </message>
    <message>
        <source>Bin %1 is being counted in %2 already; finish or cancel that count first.</source>
        <translation>库位 %1 已在盘点单 %2 中盘点；请先完成或取消该盘点。</translation>
    </message>
    <message>
        <source>%1 has several lots in this bin: %2</source>
        <translation>%1 在此库位有多个批次：%2</translation>
    </message>
    <message>
        <source>This is a blind count: expected quantities and differences are shown to warehouse leads, and to everyone once it is posted.</source>
        <translation>这是盲盘：账面数量和差异仅对仓库主管可见，过账后所有人可见。</translation>
    </message>
    <message>
        <source>Cannot take %1 of %2 out of warehouse %3: only %4 are free (the rest is reserved). Release reservations or recount, then post again.</source>
        <translation>无法从仓库 %3 扣减 %2 共 %1：可用数量只有 %4（其余已被预占）。请先释放预占或复盘，再重新过账。</translation>
    </message>
    <message>
        <source>Your role may not %1. Ask a warehouse lead or an administrator.</source>
        <translation>您的角色无权%1。请联系仓库主管或管理员。</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>已拒绝：%1</translation>
    </message>
</context>
</TS>
